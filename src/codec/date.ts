/**
 * Date and time codecs. Blank rule: an all-space field is "no value" and is
 * omitted from JSON; a non-blank field that is not a real date or time is kept
 * as its exact text (the record is then not canonical and keeps `raw`).
 *
 * Two-digit years (MMDDYY, class D) pivot like POSIX strptime: 69-99 are 19xx,
 * 00-68 are 20xx. The pivot never affects round trips: encoding writes the last
 * two digits back.
 */
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > DAYS[month - 1]!) return false;
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return true;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** `MMDDCCYY` → `CCYY-MM-DD`, or undefined when not a real date. */
export function decodeMMDDCCYY(s: string): string | undefined {
  if (!/^\d{8}$/.test(s)) return undefined;
  const m = +s.slice(0, 2), d = +s.slice(2, 4), y = +s.slice(4, 8);
  return isRealDate(y, m, d) ? `${s.slice(4, 8)}-${s.slice(0, 2)}-${s.slice(2, 4)}` : undefined;
}

export function decodeMMDDYY(s: string): string | undefined {
  if (!/^\d{6}$/.test(s)) return undefined;
  const m = +s.slice(0, 2), d = +s.slice(2, 4), yy = +s.slice(4, 6);
  const y = yy >= 69 ? 1900 + yy : 2000 + yy;
  return isRealDate(y, m, d) ? `${y}-${s.slice(0, 2)}-${s.slice(2, 4)}` : undefined;
}

/** `MMCCYY` → `CCYY-MM`; month `00` (only century and year known, PGA p.28) → `CCYY`. */
export function decodeMMCCYY(s: string): string | undefined {
  if (!/^\d{6}$/.test(s)) return undefined;
  const m = +s.slice(0, 2);
  if (m > 12) return undefined;
  return m === 0 ? s.slice(2, 6) : `${s.slice(2, 6)}-${s.slice(0, 2)}`;
}

/** `HHMM` → `HH:MM`, 0000-2400 (PGA p.48 uses 0001-2400; lint narrows it). */
export function decodeHHMM(s: string): string | undefined {
  if (!/^\d{4}$/.test(s)) return undefined;
  const h = +s.slice(0, 2), m = +s.slice(2, 4);
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return undefined;
  return `${s.slice(0, 2)}:${s.slice(2, 4)}`;
}

export function decodeHHMMSS(s: string): string | undefined {
  if (!/^\d{6}$/.test(s)) return undefined;
  const h = +s.slice(0, 2), m = +s.slice(2, 4), sec = +s.slice(4, 6);
  if (m > 59 || sec > 59 || h > 24 || (h === 24 && (m !== 0 || sec !== 0))) return undefined;
  return `${s.slice(0, 2)}:${s.slice(2, 4)}:${s.slice(4, 6)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function encodeMMDDCCYY(v: string): string | undefined {
  const m = ISO_DATE.exec(v);
  if (!m || !isRealDate(+m[1]!, +m[2]!, +m[3]!)) return undefined;
  return m[2]! + m[3]! + m[1]!;
}

export function encodeMMDDYY(v: string): string | undefined {
  const m = ISO_DATE.exec(v);
  if (!m || !isRealDate(+m[1]!, +m[2]!, +m[3]!)) return undefined;
  const y = +m[1]!;
  // Only years the pivot maps back to are encodable, so decode(encode(v)) === v.
  if (y < 1969 || y > 2068) return undefined;
  return m[2]! + m[3]! + m[1]!.slice(2);
}

export function encodeMMCCYY(v: string): string | undefined {
  let m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) {
    const month = +m[2]!;
    return month >= 1 && month <= 12 ? m[2]! + m[1]! : undefined;
  }
  m = /^(\d{4})$/.exec(v);
  return m ? '00' + m[1]! : undefined;
}

export function encodeHHMM(v: string): string | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(v);
  if (!m) return undefined;
  const s = m[1]! + m[2]!;
  return decodeHHMM(s) === v ? s : undefined;
}

export function encodeHHMMSS(v: string): string | undefined {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(v);
  if (!m) return undefined;
  const s = m[1]! + m[2]! + m[3]!;
  return decodeHHMMSS(s) === v ? s : undefined;
}

export { pad };
