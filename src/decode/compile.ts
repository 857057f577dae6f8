/**
 * Each layout compiled once into straight-line code: one function that
 * decodes a record's fields into an object, and one that only says whether a
 * record is canonical (for writers that take the values from the text
 * themselves, model/json-bytes.ts). Both agree with the field codecs on every
 * input: the common cases (right-trimmed text, blank or all-digit numbers,
 * fillers, constants) are inlined, everything else calls the codec itself.
 *
 * The code is generated from the spec's numbers only: column positions are
 * checked integers, and ids and constants enter the source as JSON string
 * literals, never as raw text.
 */
import type { DecodeState, FieldCodec, FieldValue } from '../codec/field.js';
import type { LayoutSpec } from '../spec/types.js';

export type Fields = Record<string, FieldValue>;

export interface CompiledLayout {
  /**
   * Typed values by field id; blanks, fillers and constants are absent. `text`
   * must be at least as long as the layout; `state.canonical` is cleared as the
   * codecs clear it.
   */
  fields(text: string, state: DecodeState): Fields;
  /** Whether `fields` would leave `state.canonical` set, for text at least as long as the layout. */
  canonical(text: string): boolean;
}

/** Above 15 digits a number may not be a safe integer: the codec decides. */
const MAX_INLINE_DIGITS = 15;

const cache = new WeakMap<LayoutSpec, CompiledLayout>();

export function compiledLayout(layout: LayoutSpec): CompiledLayout {
  let c = cache.get(layout);
  if (!c) {
    c = compile(layout);
    cache.set(layout, c);
  }
  return c;
}

function compile(layout: LayoutSpec): CompiledLayout {
  const sound = layout.fields.every((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 1 && f.end >= f.start);
  if (sound) {
    try {
      return generated(layout);
    } catch {
      // Code generation can be disabled (node --disallow-code-generation-from-strings).
    }
  }
  return interpreted(layout);
}

function generated(layout: LayoutSpec): CompiledLayout {
  const codecs: FieldCodec[] = [];
  const obj: string[] = ['const o = {}; let v, i, n, j, c;'];
  const check: string[] = ['let i, c;'];
  const lit = (s: string) => JSON.stringify(s);
  for (const f of layout.fields) {
    const s = f.start - 1;
    const e = f.end;
    const k = codecs.push(f.codec) - 1;
    const kind = f.codec.kind;
    const prop = `o[${lit(f.id)}]`;
    // The codec itself, for whatever is not inlined (and for every irregular slice).
    const viaCodec = {
      obj: `v = C[${k}].decode(t.slice(${s}, ${e}), st); if (v !== undefined) ${prop} = v;`,
      check: `S.canonical = true; C[${k}].decode(t.slice(${s}, ${e}), S); if (!S.canonical) return false;`,
    };
    switch (kind.type) {
      case 'text':
        // Any text is canonical: it is right-trimmed, and padding restores it.
        obj.push(`j = ${e}; while (j > ${s} && t.charCodeAt(j - 1) === 32) j--; if (j > ${s}) ${prop} = t.slice(${s}, j);`);
        break;
      case 'filler':
        obj.push(`for (i = ${s}; i < ${e}; i++) if (t.charCodeAt(i) !== 32) { st.canonical = false; break; }`);
        check.push(`for (i = ${s}; i < ${e}; i++) if (t.charCodeAt(i) !== 32) return false;`);
        break;
      case 'constant':
        obj.push(`if (!t.startsWith(${lit(kind.constant)}, ${s})) st.canonical = false;`);
        check.push(`if (!t.startsWith(${lit(kind.constant)}, ${s})) return false;`);
        break;
      case 'number': {
        if (e - s > MAX_INLINE_DIGITS) {
          obj.push(viaCodec.obj);
          check.push(viaCodec.check);
          break;
        }
        const value = kind.decimals ? `n / ${10 ** kind.decimals}` : 'n';
        // All digits: the value. All spaces: blank. Anything else: the codec (not canonical).
        const digits = `n = 0; for (i = ${s}; i < ${e}; i++) { c = t.charCodeAt(i) - 48; if (c < 0 || c > 9) break; n = n * 10 + c; }`;
        const blank = `for (i = ${s}; i < ${e} && t.charCodeAt(i) === 32; i++);`;
        obj.push(`${digits} if (i === ${e}) ${prop} = ${value}; else { ${blank} if (i !== ${e}) { ${viaCodec.obj} } }`);
        check.push(`if (t.charCodeAt(${s}) === 32) { for (i = ${s} + 1; i < ${e}; i++) if (t.charCodeAt(i) !== 32) return false; }`);
        check.push(`else for (i = ${s}; i < ${e}; i++) { c = t.charCodeAt(i); if (c < 48 || c > 57) return false; }`);
        break;
      }
      default:
        obj.push(viaCodec.obj);
        check.push(viaCodec.check);
    }
  }
  obj.push('return o;');
  check.push('return true;');
  // Named after the layout, so profiles tell them apart.
  const name = layout.layout.replace(/\W/g, '_');
  const make = (fn: string, params: string, body: string[]) =>
    new Function('C', 'S', `return function ${fn}_${name}(${params}) {\n${body.join('\n')}\n};`)(codecs, { canonical: true });
  return {
    fields: make('fields', 't, st', obj) as CompiledLayout['fields'],
    canonical: make('canonical', 't', check) as CompiledLayout['canonical'],
  };
}

/** The same contract with no generated code: a loop over the field codecs. */
function interpreted(layout: LayoutSpec): CompiledLayout {
  const fields = (text: string, state: DecodeState): Fields => {
    const out: Fields = {};
    for (const f of layout.fields) {
      const v = f.codec.decode(text.slice(f.start - 1, f.end), state);
      if (v !== undefined && !f.hidden) out[f.id] = v;
    }
    return out;
  };
  return {
    fields,
    canonical(text) {
      const state: DecodeState = { canonical: true };
      fields(text, state);
      return state.canonical;
    },
  };
}
