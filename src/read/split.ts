/**
 * Splits text into records, chunk by chunk, with no I/O (STYLE §3).
 *
 * CATAIR names no record terminator (abi-envelope §2.6): files arrive with LF,
 * CRLF, CR, or none at all (back-to-back 80-character records). The mode is
 * detected once from the start of the input: any CR or LF in the first
 * `detectWindow` characters means terminated lines, otherwise fixed-width
 * slices. Each record keeps the terminator it had, so the bytes can be rebuilt
 * exactly, mixed endings and a missing final terminator included. A line longer
 * than `maxLineLength` is cut into pieces with no terminator, which keeps
 * memory bounded and still rebuilds the same bytes.
 */
export type Eol = 'lf' | 'crlf' | 'cr' | 'none';
export const EOL_TEXT: Record<Eol, string> = { lf: '\n', crlf: '\r\n', cr: '\r', none: '' };

/** The splitter's limits unless a caller sets them (lint's parts count records by them, src/lint/parts.ts). */
export const SPLIT_DEFAULTS = { detectWindow: 65536, maxLineLength: 65536 } as const;

export interface SplitOptions {
  recordWidth?: number;
  detectWindow?: number;
  maxLineLength?: number;
  /** Force a mode instead of detecting it. */
  mode?: 'lines' | 'fixed';
}

/**
 * `start` is where `text` begins in the text held since the last drain (what
 * is left of earlier chunks, then the chunk just pushed): a caller that keeps
 * the same characters as bytes finds the record's bytes there.
 */
export type RecordSink = (text: string, eol: Eol, start: number) => void;

export class RecordSplitter {
  private buf = '';
  /** Where `buf` begins in the text held since the last drain, for the offsets given to the sink. */
  private offset = 0;
  private mode: 'lines' | 'fixed' | undefined;
  private readonly width: number;
  private readonly detectWindow: number;
  private readonly maxLine: number;

  constructor(private readonly sink: RecordSink, options: SplitOptions = {}) {
    this.width = options.recordWidth ?? 80;
    this.detectWindow = options.detectWindow ?? SPLIT_DEFAULTS.detectWindow;
    this.maxLine = options.maxLineLength ?? SPLIT_DEFAULTS.maxLineLength;
    this.mode = options.mode;
  }

  /** Characters held back for the next chunk (a partial record, or all of them until the mode is known). */
  get pending(): number {
    return this.buf.length;
  }

  /** The detected (or forced) mode, once known. */
  get detectedMode(): 'lines' | 'fixed' | undefined {
    return this.mode;
  }

  push(chunk: string): void {
    if (this.mode === 'lines' && this.buf.length) {
      const lf = chunk.indexOf('\n');
      if (lf !== -1) {
        // The text held from earlier chunks ends by this chunk's first LF: it is split
        // joined to the chunk's start up to there, then the rest of the chunk on its own.
        // (Joined to the whole chunk, it made a string that V8 copies whole to search it:
        // a second copy of every chunk.)
        const held = this.buf.length;
        this.buf += chunk.slice(0, lf + 1);
        this.drainLines(false);
        this.buf = chunk.slice(lf + 1);
        this.offset = held + lf + 1;
        this.drainLines(false);
        this.offset = 0;
        return;
      }
    }
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    if (!this.mode) {
      // Decide on the first `detectWindow` characters only, so that every
      // chunking of the same input reaches the same decision.
      if (this.hasTerminatorInWindow()) this.mode = 'lines';
      else if (this.buf.length >= this.detectWindow) this.mode = 'fixed';
      else return;
    }
    if (this.mode === 'fixed') this.drainFixed(false);
    else this.drainLines(false);
  }

  end(): void {
    if (!this.mode) this.mode = this.hasTerminatorInWindow() ? 'lines' : 'fixed';
    if (this.mode === 'fixed') this.drainFixed(true);
    else this.drainLines(true);
  }

  private hasTerminatorInWindow(): boolean {
    const head = this.buf.length > this.detectWindow ? this.buf.slice(0, this.detectWindow) : this.buf;
    return /[\r\n]/.test(head);
  }

  private drainFixed(final: boolean): void {
    const { buf, width } = this;
    let i = 0;
    for (; i + width <= buf.length; i += width) this.sink(buf.slice(i, i + width), 'none', i);
    if (final && i < buf.length) {
      this.sink(buf.slice(i), 'none', i);
      i = buf.length;
    }
    this.buf = i === 0 ? buf : buf.slice(i);
  }

  private drainLines(final: boolean): void {
    const buf = this.buf;
    let start = 0;
    const n = buf.length;
    if (buf.indexOf('\r') === -1) {
      // Fast path: LF only.
      let nl: number;
      while ((nl = buf.indexOf('\n', start)) !== -1) {
        this.emitLine(buf, start, nl, 'lf');
        start = nl + 1;
      }
    } else {
      let i = start;
      while (i < n) {
        const c = buf.charCodeAt(i);
        if (c === 10) {
          this.emitLine(buf, start, i, 'lf');
          start = ++i;
        } else if (c === 13) {
          if (i + 1 === n && !final) break; // a CRLF may be split across chunks
          const crlf = buf.charCodeAt(i + 1) === 10;
          this.emitLine(buf, start, i, crlf ? 'crlf' : 'cr');
          i += crlf ? 2 : 1;
          start = i;
        } else i++;
      }
    }
    let rest = start === 0 ? buf : buf.slice(start);
    // Bound memory on pathological lines: cut them without a terminator.
    while (rest.length > this.maxLine && !(rest.length === this.maxLine + 1 && rest.endsWith('\r'))) {
      this.sink(rest.slice(0, this.maxLine), 'none', this.offset + start);
      rest = rest.slice(this.maxLine);
      start += this.maxLine;
    }
    if (final) {
      if (rest.length) this.sink(rest, 'none', this.offset + start);
      rest = '';
    }
    this.buf = rest;
  }

  private emitLine(buf: string, start: number, end: number, eol: Eol): void {
    let s = start;
    while (end - s > this.maxLine) {
      this.sink(buf.slice(s, s + this.maxLine), 'none', this.offset + s);
      s += this.maxLine;
    }
    this.sink(buf.slice(s, end), eol, this.offset + s);
  }
}
