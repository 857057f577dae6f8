/**
 * Builds a Spec from the text of a spec folder's tables and checks it like code
 * (STYLE §2): every problem is collected and reported at once as `file:line`.
 * Pure: the caller reads the files (see `node/spec-dir.ts`).
 */
import { codecFor, KNOWN_CLASSES, KNOWN_FORMATS } from '../codec/field.js';
import { parseTsv, type TsvRow } from './tsv.js';
import {
  LEVELS, type Application, type CodeEntry, type FieldSpec, type LayoutSpec, type Level, type Role,
  type Selector, type Spec, type SpecProblem,
} from './types.js';

export const RECORD_WIDTH = 80;

const REQUIRED = {
  'applications.tsv': ['app', 'direction', 'pair', 'name'],
  'records.tsv': ['layout', 'record', 'contexts', 'prefix', 'select', 'level', 'role', 'key', 'table', 'name', 'page'],
  field: ['layout', 'element', 'id', 'start', 'end', 'length', 'class', 'designation', 'format', 'codes', 'page', 'note'],
  'codes.tsv': ['list', 'code', 'meaning', 'scope', 'status', 'source'],
} as const;

export interface BuildResult {
  spec?: Spec;
  problems: SpecProblem[];
}

const ROLES: readonly Role[] = ['open', 'close', '-'];

/**
 * `value` as the literal of `names` it equals (itself when none does). Levels
 * and roles are compared for every record (grouper, context, lint checks); a
 * literal is a string V8 has interned, which compares by identity, where a
 * string cut from the spec's text compares character by character.
 */
function interned<T extends string>(names: readonly T[], value: T): T {
  return names.find((n) => n === value) ?? value;
}

export function buildSpec(name: string, files: ReadonlyMap<string, string>): BuildResult {
  const problems: SpecProblem[] = [];
  const problem = (file: string, line: number, message: string) => problems.push({ file, line, message });

  const table = (file: string, required: readonly string[]) => {
    const text = files.get(file);
    if (text === undefined) {
      problem(file, 0, 'file is missing');
      return [];
    }
    const t = parseTsv(text);
    const missing = required.filter((c) => !t.columns.includes(c));
    if (missing.length) problem(file, 1, `header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    return missing.length ? [] : t.rows;
  };

  // Applications
  const applications = new Map<string, Application>();
  for (const { line, cells } of table('applications.tsv', REQUIRED['applications.tsv'])) {
    const p = (m: string) => problem('applications.tsv', line, m);
    if (!/^[A-Z0-9$%]{2}$/.test(cells.app!)) p(`application id ${JSON.stringify(cells.app)} is not two characters`);
    if (cells.direction !== 'input' && cells.direction !== 'output') p(`direction must be input or output, not ${JSON.stringify(cells.direction)}`);
    if (applications.has(cells.app!)) p(`application ${cells.app} is listed twice`);
    // `preparer` is optional: a table without it says nothing about preparer fields.
    const preparer = cells.preparer;
    if (preparer !== undefined && preparer !== '' && preparer !== 'yes') p(`preparer must be yes or empty, not ${JSON.stringify(preparer)}`);
    applications.set(cells.app!, {
      app: cells.app!, direction: cells.direction as 'input' | 'output', pair: cells.pair!, name: cells.name!,
      ...(preparer !== undefined ? { preparer: preparer === 'yes' } : {}),
    });
  }

  // Code lists (optional file)
  const codes = new Map<string, Map<string, CodeEntry>>();
  if (files.has('codes.tsv')) {
    for (const { line, cells } of table('codes.tsv', REQUIRED['codes.tsv'])) {
      if (!cells.list || !cells.code) {
        problem('codes.tsv', line, 'list and code must not be empty');
        continue;
      }
      let list = codes.get(cells.list);
      if (!list) codes.set(cells.list, (list = new Map()));
      const scoped = cells.scope ? `${cells.code} ${cells.scope}` : cells.code;
      if (list.has(scoped)) problem('codes.tsv', line, `code ${cells.code} is listed twice in ${cells.list}`);
      list.set(scoped, cells as unknown as CodeEntry);
    }
  }

  // Record layouts
  const layouts = new Map<string, LayoutSpec>();
  const tables = new Set<string>();
  for (const { line, cells } of table('records.tsv', REQUIRED['records.tsv'])) {
    const p = (m: string) => problem('records.tsv', line, m);
    const id = cells.layout!;
    if (!id) p('layout id is empty');
    if (layouts.has(id)) p(`layout ${id} is listed twice`);
    if (!LEVELS.includes(cells.level as Level)) p(`level must be one of ${LEVELS.join(', ')}, not ${JSON.stringify(cells.level)}`);
    if (!ROLES.includes(cells.role as Role)) p(`role must be open, close or -, not ${JSON.stringify(cells.role)}`);
    if (!cells.prefix) p('prefix is empty');
    if (!cells.record) p('record id is empty');
    const contexts = cells.contexts!.split(/\s+/).filter(Boolean);
    if (!contexts.length) p('contexts is empty');
    for (const c of contexts) {
      if (c !== '*' && c !== 'input' && c !== 'output' && !applications.has(c)) p(`context ${c} is not an application in applications.tsv`);
    }
    let select: Selector | undefined;
    if (cells.select) {
      const m = /^(\d+)-(\d+)=(.+)$/.exec(cells.select) ?? /^(\d+)()=(.+)$/.exec(cells.select);
      if (!m) p(`select ${JSON.stringify(cells.select)} is not START-END=V1|V2`);
      else {
        const start = Number(m[1]), end = m[2] ? Number(m[2]) : start;
        const values = m[3]!.split('|').map((v) => (v === '_' ? ' '.repeat(end - start + 1) : v));
        if (start < 1 || end > RECORD_WIDTH || end < start) p(`select columns ${start}-${end} are outside 1-${RECORD_WIDTH}`);
        for (const v of values) if (v.length !== end - start + 1) p(`select value ${JSON.stringify(v)} is not ${end - start + 1} characters`);
        select = { start, end, values };
      }
    }
    const tableName = cells.table!;
    if (tableName !== '-') tables.add(tableName);
    layouts.set(id, {
      layout: id, record: cells.record!, contexts, prefix: cells.prefix!, select,
      level: interned(LEVELS, cells.level as Level), role: interned(ROLES, cells.role as Role), key: cells.key!.split(/\s+/).filter(Boolean),
      table: tableName, name: cells.name!, page: cells.page!, fields: [], opaque: tableName === '-',
      source: { file: 'records.tsv', line },
    });
  }

  // Field tables
  for (const file of [...tables].sort()) {
    const rows = table(file, REQUIRED.field);
    const byLayout = new Map<string, TsvRow[]>();
    for (const row of rows) {
      const l = row.cells.layout!;
      const layout = layouts.get(l);
      if (!layout) {
        problem(file, row.line, `layout ${JSON.stringify(l)} is not in records.tsv`);
        continue;
      }
      if (layout.table !== file) {
        problem(file, row.line, `layout ${l} belongs to ${layout.table} in records.tsv`);
        continue;
      }
      let list = byLayout.get(l);
      if (!list) byLayout.set(l, (list = []));
      list.push(row);
    }
    for (const [l, lrows] of byLayout) checkLayout(file, layouts.get(l)!, lrows, problem);
  }
  for (const layout of layouts.values()) {
    if (!layout.opaque && layout.fields.length === 0 && files.has(layout.table)) {
      problem('records.tsv', layout.source.line, `layout ${layout.layout} has no rows in ${layout.table}`);
    }
    for (const k of layout.key) {
      if (!layout.opaque && layout.fields.length && !layout.fields.some((f) => f.id === k && !f.hidden)) {
        problem('records.tsv', layout.source.line, `key field ${k} is not a field of layout ${layout.layout}`);
      }
    }
  }

  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  if (problems.length) return { problems };
  return { spec: { name, recordWidth: RECORD_WIDTH, layouts, applications, codes }, problems };
}

function checkLayout(
  file: string,
  layout: LayoutSpec,
  rows: TsvRow[],
  problem: (file: string, line: number, message: string) => void,
): void {
  const ids = new Set<string>();
  let next = 1;
  let constants = '';
  let constantsContiguous = true;
  for (const { line, cells } of rows) {
    const p = (m: string) => problem(file, line, `${layout.layout} ${cells.element}: ${m}`);
    const start = Number(cells.start), end = Number(cells.end), length = Number(cells.length);
    if (!Number.isInteger(start) || !Number.isInteger(end) || !Number.isInteger(length)) {
      p('start, end and length must be whole numbers');
      continue;
    }
    if (end < start) p(`end ${end} is before start ${start}`);
    if (length !== end - start + 1) p(`length ${length} does not match columns ${start}-${end} (${end - start + 1})`);
    if (start > next) p(`columns ${next}-${start - 1} are not covered by any field`);
    else if (start < next) p(`columns ${start}-${Math.min(end, next - 1)} overlap the previous field`);
    next = Math.max(next, end + 1);
    if (end > RECORD_WIDTH) p(`ends at column ${end}, past ${RECORD_WIDTH}`);
    const id = cells.id!;
    if (!/^[a-z][A-Za-z0-9]*$/.test(id)) p(`id ${JSON.stringify(id)} is not camelCase`);
    if (ids.has(id)) p(`id ${id} is used twice in the layout`);
    ids.add(id);
    if (!(KNOWN_CLASSES as readonly string[]).includes(cells.class!)) p(`class ${JSON.stringify(cells.class)} is not one of ${KNOWN_CLASSES.join(' ')}`);
    if (!['M', 'C', 'O'].includes(cells.designation!)) p(`designation ${JSON.stringify(cells.designation)} is not M, C or O`);
    const format = cells.format!;
    if (format && !format.startsWith('=') && !KNOWN_FORMATS.includes(format)) p(`format ${JSON.stringify(format)} is unknown`);
    const codec = codecFor({ width: end - start + 1, class: cells.class!, format });
    if (typeof codec === 'string') {
      p(codec);
      continue;
    }
    const constant = format.startsWith('=') ? format.slice(1) : undefined;
    if (constant !== undefined) {
      if (constantsContiguous && start === constants.length + 1) constants += constant;
    } else constantsContiguous = false;
    layout.fields.push({
      layout: layout.layout, element: cells.element!, id, start, end, width: end - start + 1, class: cells.class!,
      designation: cells.designation as 'M' | 'C' | 'O', format, constant,
      hidden: constant !== undefined || cells.class === 'S', codes: cells.codes!, page: cells.page!, note: cells.note!,
      source: { file, line }, codec,
    });
  }
  const last = rows[rows.length - 1];
  if (last && next <= RECORD_WIDTH) problem(file, last.line, `${layout.layout}: columns ${next}-${RECORD_WIDTH} are not covered by any field`);
  if (constants !== layout.prefix) {
    problem(file, rows[0]!.line, `${layout.layout}: constant fields from column 1 spell ${JSON.stringify(constants)}, records.tsv prefix is ${JSON.stringify(layout.prefix)}`);
  }
}
