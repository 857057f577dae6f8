// fixed-width-parser configured with the PGA layouts: text trimmed at the end,
// N fields as int or float with implied decimals, dates kept as text (its
// date type goes through date-fns and would only be slower), blanks omitted.
import fwp from 'fixed-width-parser';

export const name = 'fixed-width-parser';

/** Returns a function parsing a text of records of one layout into objects. */
export function parserFor(fields) {
  const parser = new fwp.FixedWidthParser(
    fields.map((f) => ({
      name: f.id,
      start: f.start - 1,
      width: f.width,
      falsyFallback: 'undefined',
      ...(f.kind === 'number'
        ? { type: f.decimals ? 'float' : 'int', ...(f.decimals ? { decimalCount: f.decimals } : {}), padPosition: 'start' }
        : { type: 'string', padPosition: 'end' }),
    })),
    {},
    { warn() {} },
  );
  return (text) => parser.parse(text, { falsyFallback: 'undefined' });
}
