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

/** True when `t[s, s + n)` is all ASCII digits (what `\d` matches). */
function digits(t: string, s: number, n: number): boolean {
  if (s + n > t.length) return false;
  for (let i = s; i < s + n; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The two-digit number at `t[i, i + 2)`; digits checked by the caller. */
const two = (t: string, i: number) => (t.charCodeAt(i) - 48) * 10 + t.charCodeAt(i + 1) - 48;

/*
 * Validity by position, so a compiled layout checks a field in place without
 * slicing it (decode/compile.ts); the decoders below use the same functions.
 */
export function validMMDDCCYY(t: string, s: number): boolean {
  return digits(t, s, 8) && isRealDate(two(t, s + 4) * 100 + two(t, s + 6), two(t, s), two(t, s + 2));
}

export function validMMDDYY(t: string, s: number): boolean {
  if (!digits(t, s, 6)) return false;
  const yy = two(t, s + 4);
  return isRealDate(yy >= 69 ? 1900 + yy : 2000 + yy, two(t, s), two(t, s + 2));
}

export function validMMCCYY(t: string, s: number): boolean {
  return digits(t, s, 6) && two(t, s) <= 12;
}

/** `HHMM` 0000-2400 (PGA p.48 uses 0001-2400; lint narrows it). */
export function validHHMM(t: string, s: number): boolean {
  if (!digits(t, s, 4)) return false;
  const h = two(t, s), m = two(t, s + 2);
  return m <= 59 && h <= 24 && (h !== 24 || m === 0);
}

export function validHHMMSS(t: string, s: number): boolean {
  if (!digits(t, s, 6)) return false;
  const h = two(t, s), m = two(t, s + 2), sec = two(t, s + 4);
  return m <= 59 && sec <= 59 && h <= 24 && (h !== 24 || (m === 0 && sec === 0));
}

/** `MMDDCCYY` → `CCYY-MM-DD`, or undefined when not a real date. */
export function decodeMMDDCCYY(s: string): string | undefined {
  return s.length === 8 && validMMDDCCYY(s, 0) ? `${s.slice(4, 8)}-${s.slice(0, 2)}-${s.slice(2, 4)}` : undefined;
}

export function decodeMMDDYY(s: string): string | undefined {
  if (s.length !== 6 || !validMMDDYY(s, 0)) return undefined;
  return `${two(s, 4) >= 69 ? '19' : '20'}${s.slice(4, 6)}-${s.slice(0, 2)}-${s.slice(2, 4)}`;
}

/** `MMCCYY` → `CCYY-MM`; month `00` (only century and year known, PGA p.28) → `CCYY`. */
export function decodeMMCCYY(s: string): string | undefined {
  if (s.length !== 6 || !validMMCCYY(s, 0)) return undefined;
  return two(s, 0) === 0 ? s.slice(2, 6) : `${s.slice(2, 6)}-${s.slice(0, 2)}`;
}

export function decodeHHMM(s: string): string | undefined {
  return s.length === 4 && validHHMM(s, 0) ? `${s.slice(0, 2)}:${s.slice(2, 4)}` : undefined;
}

export function decodeHHMMSS(s: string): string | undefined {
  return s.length === 6 && validHHMMSS(s, 0) ? `${s.slice(0, 2)}:${s.slice(2, 4)}:${s.slice(4, 6)}` : undefined;
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
