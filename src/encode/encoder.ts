/**
 * JSON records → fixed-width text, with CATAIR's fill rules (codec/field.ts).
 * A value too long for its field, or of the wrong kind, is an issue naming the
 * JSON path and the field; nothing is ever truncated or rounded.
 */
import { AppContext } from '../decode/context.js';
import { ENCODE_CODES } from '../issues/codes.js';
import type { Issue } from '../issues/issue.js';
import type { JsonRecord } from '../model/json.js';
import { EOL_TEXT, type Eol } from '../read/split.js';
import type { LayoutSpec, Spec } from '../spec/types.js';

export interface EncoderOptions {
  spec: Spec;
  /** Application assumed until an A or B record names one. */
  app?: string;
  /** Line ending for every record, overriding the ones recorded in the JSON. */
  eol?: Eol;
}

export interface EncodeHandler {
  /** Text of one record including its terminator. */
  text(text: string): void;
  issue?(issue: Issue): void;
}

const EOLS = new Set(['lf', 'crlf', 'cr', 'none']);

export class Encoder {
  private readonly context: AppContext;
  private readonly byRecord = new Map<string, LayoutSpec[]>();
  private n = 0;
  private failed = 0;

  constructor(private readonly options: EncoderOptions, private readonly handler: EncodeHandler) {
    this.context = new AppContext(options.spec, options.app);
    for (const l of options.spec.layouts.values()) {
      let list = this.byRecord.get(l.record);
      if (!list) this.byRecord.set(l.record, (list = []));
      list.push(l);
    }
  }

  /** Records that could not be written. */
  get errors(): number {
    return this.failed;
  }

  /** `defaultEol` is the document's line ending, used when the record names none. */
  write(record: JsonRecord, where: string, defaultEol: Eol = 'lf'): void {
    const n = ++this.n;
    const problems: Issue[] = [];
    const issue = (code: keyof typeof ENCODE_CODES, message: string, field?: string, columns?: [number, number]) =>
      problems.push({
        code, severity: 'error', record: n, recordId: typeof record.id === 'string' ? record.id : null,
        ...(field ? { field } : {}), ...(columns ? { columns } : {}), message: `${where}: ${message}`,
      });

    let eol: Eol = this.options.eol ?? defaultEol;
    if (!this.options.eol && record.eol !== undefined) {
      if (EOLS.has(record.eol)) eol = record.eol;
      else issue('encode-record', `eol must be lf, crlf, cr or none, not ${JSON.stringify(record.eol)}`);
    }

    let text: string | undefined;
    let layout: LayoutSpec | undefined;
    if (record.raw !== undefined) {
      if (typeof record.raw !== 'string') issue('encode-record', 'raw must be text');
      else if (/[\r\n]/.test(record.raw)) issue('encode-record', 'raw text may not contain a line break');
      else text = record.raw;
      layout = this.resolve(record);
    } else {
      layout = this.resolve(record);
      if (!layout) {
        issue('encode-record', record.id == null
          ? 'a record needs an "id" (or its "raw" text)'
          : `no layout for record ${JSON.stringify(record.id)}${record.layout ? ` (layout ${JSON.stringify(record.layout)})` : ''}${this.context.app ? ` in an ${this.context.app} block` : ''}`);
      } else if (layout.opaque) {
        issue('encode-record', `record ${layout.record} has no field layout in spec; give its "raw" text`);
      } else {
        text = this.encodeFields(layout, record, issue);
      }
    }

    if (problems.length || text === undefined) {
      this.failed++;
      for (const p of problems) this.handler.issue?.(p);
      return;
    }
    if (layout) this.context.follow(layout, text);
    this.handler.text(text + EOL_TEXT[eol]);
  }

  private resolve(record: JsonRecord): LayoutSpec | undefined {
    if (typeof record.layout === 'string') {
      const l = this.options.spec.layouts.get(record.layout);
      return l && (record.id == null || l.record === record.id) ? l : undefined;
    }
    if (typeof record.id !== 'string') return undefined;
    const list = this.byRecord.get(record.id);
    if (!list?.length) return undefined;
    if (list.length === 1) return list[0];
    const app = this.context.app;
    const direction = app ? this.options.spec.applications.get(app)?.direction : undefined;
    const rank = (l: LayoutSpec) =>
      app && l.contexts.includes(app) ? 3 : direction && l.contexts.includes(direction) ? 2 : l.contexts.includes('*') ? 1 : 0;
    // Variants chosen by a selector (B.out, SO70.v1) must be named with "layout".
    return [...list].filter((l) => !l.select).sort((a, b) => rank(b) - rank(a))[0];
  }

  private encodeFields(
    layout: LayoutSpec,
    record: JsonRecord,
    issue: (code: keyof typeof ENCODE_CODES, message: string, field?: string, columns?: [number, number]) => void,
  ): string | undefined {
    const fields = record.fields ?? {};
    if (typeof fields !== 'object' || Array.isArray(fields)) {
      issue('encode-record', '"fields" must be an object');
      return undefined;
    }
    const known = knownFields(layout);
    for (const k of Object.keys(fields)) {
      if (!known.has(k)) issue('encode-field', `${layout.record} has no field ${JSON.stringify(k)}`, k);
    }
    let text = '';
    let ok = true;
    for (const f of layout.fields) {
      const r = f.codec.encode(f.hidden ? undefined : (fields as Record<string, unknown>)[f.id]);
      if ('problem' in r) {
        ok = false;
        issue('encode-field', `fields.${f.id} (${layout.record} ${f.element}, columns ${f.start}-${f.end}): ${r.problem}`, f.id, [f.start, f.end]);
      } else text += r.text;
    }
    return ok ? text : undefined;
  }
}

const fieldIds = new WeakMap<LayoutSpec, Set<string>>();

/** The ids a record of `layout` may give in "fields", made once per layout (not per record). */
function knownFields(layout: LayoutSpec): Set<string> {
  let ids = fieldIds.get(layout);
  if (!ids) fieldIds.set(layout, (ids = new Set(layout.fields.filter((f) => !f.hidden).map((f) => f.id))));
  return ids;
}
