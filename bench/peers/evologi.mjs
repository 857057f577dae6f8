// @evologi/fixed-width configured with the PGA layouts: right-trimmed text,
// numbers with implied decimals, MMDDCCYY dates as CCYY-MM-DD, blanks omitted.
import { parse } from '@evologi/fixed-width';

export const name = '@evologi/fixed-width';

const blankToUndefined = (v) => (v === '' ? undefined : v);

/** Returns a function parsing a text of records of one layout into objects. */
export function parserFor(fields) {
  const options = {
    eol: '\n',
    trim: 'right',
    allowLongerLines: true,
    allowShorterLines: true,
    fields: fields.map((f) => ({
      property: f.id,
      column: f.start,
      width: f.width,
      cast:
        f.kind === 'number'
          ? (v) => (v === '' ? undefined : Number(v) / 10 ** f.decimals)
          : f.kind === 'date'
            ? (v) => (v === '' ? undefined : `${v.slice(4, 8)}-${v.slice(0, 2)}-${v.slice(2, 4)}`)
            : blankToUndefined,
    })),
  };
  return (text) => parse(text, options);
}
