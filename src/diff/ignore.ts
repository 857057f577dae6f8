/**
 * Which fields `diff` leaves out: `--ignore FIELD` (a field id in any record,
 * or `RECORD.field` with a record or layout id) and `--ignore-envelope` (the
 * batch and block fields that change with every sending: dates, the
 * communication password, user data text). Unknown names are problems, all
 * reported at once.
 */
import type { FieldSpec, LayoutSpec, Spec } from '../spec/types.js';

/** Envelope fields that are not dates but still differ between sendings of the same data (B&B-9/10, B&B-13/14). */
const ENVELOPE_IDS = new Set(['communicationPassword', 'userDataText']);
const ENVELOPE_LEVELS = new Set(['batch', 'block']);

export type IgnoreSet = ReadonlySet<FieldSpec>;

export function resolveIgnore(spec: Spec, names: readonly string[], envelope: boolean): { ignore: IgnoreSet; problems: string[] } {
  const ignore = new Set<FieldSpec>();
  const problems: string[] = [];
  const layouts = [...spec.layouts.values()];
  for (const name of names) {
    // The last dot: layout ids have one of their own (`AE.SE60.lineValue`).
    const dot = name.lastIndexOf('.');
    const record = dot > 0 ? name.slice(0, dot).toUpperCase() : undefined;
    const id = dot > 0 ? name.slice(dot + 1) : name;
    const before = ignore.size;
    let layoutFound = record === undefined;
    for (const l of layouts) {
      if (record !== undefined && l.record.toUpperCase() !== record && l.layout.toUpperCase() !== record) continue;
      layoutFound = true;
      for (const f of l.fields) if (f.id === id && !f.hidden) ignore.add(f);
    }
    if (ignore.size > before) continue;
    problems.push(
      !layoutFound
        ? `--ignore ${name}: no record ${record} in spec ${spec.name}`
        : `--ignore ${name}: no ${record ? `${record} ` : ''}field with id ${JSON.stringify(id)} (field ids are the JSON keys; see catair explain RECORD)`,
    );
  }
  if (envelope) for (const l of layouts) if (ENVELOPE_LEVELS.has(l.level)) for (const f of l.fields) if (!f.hidden && (isDate(f) || ENVELOPE_IDS.has(f.id))) ignore.add(f);
  return { ignore, problems };
}

function isDate(f: FieldSpec): boolean {
  return f.class === 'D' || /^MM|^HH/.test(f.format);
}

/** The record text with ignored fields blanked, for records compared by text. */
export function maskIgnored(text: string, layout: LayoutSpec | undefined, ignore: IgnoreSet): string {
  if (!layout || ignore.size === 0) return text;
  let out = text;
  for (const f of layout.fields) {
    if (ignore.has(f) && out.length >= f.start) out = out.slice(0, f.start - 1) + ' '.repeat(Math.min(f.width, out.length - f.start + 1)) + out.slice(f.end);
  }
  return out;
}
