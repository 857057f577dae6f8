import type { FieldCodec } from '../codec/field.js';

export type Level = 'batch' | 'block' | 'transaction' | 'line' | 'tariff' | 'pgaLine';
export const LEVELS: readonly Level[] = ['batch', 'block', 'transaction', 'line', 'tariff', 'pgaLine'];
export type Role = 'open' | 'close' | '-';

/** Where a spec row came from, for `file:line` messages. */
export interface Source {
  file: string;
  line: number;
}

export interface FieldSpec {
  layout: string;
  element: string;
  id: string;
  start: number;
  end: number;
  width: number;
  class: string;
  designation: 'M' | 'C' | 'O';
  format: string;
  /** Constant text for `=XX` formats. */
  constant?: string;
  /** True for fillers and constants: they never appear in JSON. */
  hidden: boolean;
  codes: string;
  page: string;
  note: string;
  source: Source;
  codec: FieldCodec;
}

export interface Selector {
  start: number;
  end: number;
  /** Accepted values; `_` in the table means all spaces. */
  values: string[];
}

export interface LayoutSpec {
  layout: string;
  record: string;
  contexts: string[];
  prefix: string;
  select?: Selector;
  level: Level;
  role: Role;
  key: string[];
  table: string;
  name: string;
  page: string;
  /** Empty for opaque layouts (`table` `-`): known record ids without field rows. */
  fields: FieldSpec[];
  opaque: boolean;
  source: Source;
}

export interface Application {
  app: string;
  direction: 'input' | 'output';
  pair: string;
  name: string;
  /** Whether its blocks may carry the B record's preparer fields (B&B-13 Note 4); undefined when the spec's table has no `preparer` column. */
  preparer?: boolean;
}

export interface CodeEntry {
  list: string;
  code: string;
  meaning: string;
  scope: string;
  status: string;
  source: string;
}

export interface Spec {
  /** Edition name (the folder name). */
  name: string;
  recordWidth: number;
  layouts: Map<string, LayoutSpec>;
  applications: Map<string, Application>;
  codes: Map<string, Map<string, CodeEntry>>;
}

export interface SpecProblem {
  file: string;
  line: number;
  message: string;
}
