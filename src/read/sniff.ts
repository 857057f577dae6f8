/**
 * Which form an input is in, from its first bytes, for the commands that take
 * either (convert, diff): JSON (a tree document or NDJSON) begins with `{` or
 * `[` after JSON whitespace, perhaps behind a UTF-8 byte order mark (editors
 * and PowerShell on Windows write one; the UTF-8 decoder drops it); anything
 * else is fixed-width. No I/O (STYLE §3).
 */
export type InputForm = 'json' | 'fixed';

/**
 * Leading whitespace looked through before deciding: past it, the input is
 * fixed-width (blank records), so that an input of blanks is never held whole.
 */
export const SNIFF_WINDOW = 65536;

const BOM = [0xef, 0xbb, 0xbf] as const;

/** Decides the form chunk by chunk; `push` answers undefined while only whitespace has been seen. */
export class FormSniffer {
  private seen = 0;
  /** Bytes of the mark seen from the start. */
  private bom = 0;
  private form: InputForm | undefined;

  push(chunk: Uint8Array | string): InputForm | undefined {
    if (this.form) return this.form;
    const text = typeof chunk === 'string';
    for (let i = 0; i < chunk.length; i++, this.seen++) {
      const c = text ? chunk.charCodeAt(i) : (chunk[i] as number);
      // The mark: EF BB BF as bytes, U+FEFF as text, only at the very start.
      if (text && this.seen === 0 && c === 0xfeff) continue;
      if (!text && this.seen === this.bom && this.bom < BOM.length) {
        if (c === BOM[this.bom]) {
          this.bom++;
          continue;
        }
        // Part of a mark is no mark: bytes no JSON starts with.
        if (this.bom) return (this.form = 'fixed');
      }
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
      return (this.form = c === 0x7b || c === 0x5b ? 'json' : 'fixed');
    }
    if (this.seen >= SNIFF_WINDOW) this.form = 'fixed';
    return this.form;
  }

  /** At the end of the input: an input of whitespace alone (or nothing) is fixed-width. */
  end(): InputForm {
    return (this.form ??= 'fixed');
  }
}
