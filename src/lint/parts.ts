/**
 * Linting one large file in parts, one part per thread, with exactly the
 * report a single pass gives. No I/O here: the CLI reads the parts
 * (cli/lint-parts.ts).
 *
 * A file is cut only between batches: after a line that starts with Z and
 * before one that starts with A. Every check keeps its state inside a batch
 * (envelope counts and echoes), a transaction (PGA and APHIS facts) or a
 * group, so at such a cut nothing carries over, provided that nothing lies
 * outside them. That proviso is not assumed; each part proves it while it is
 * linted (`PartWatch`), and the caller lints the file in one pass instead when
 * any part cannot:
 * - every record but the A, B, Y and Z records sits inside a transaction, in a
 *   batch whose A record names an application the spec knows (so the
 *   application in force never comes from an earlier record, `--app` or a
 *   fragment's inference, and no state of a block-level record crosses);
 * - a part that is followed by another ends with the Z record of such a batch;
 * - a part after the first starts with its A record.
 *
 * Record numbers must continue across parts, and messages quote them, so a
 * part after the first is given the number of records before it, counted from
 * the bytes (`RecordCounter`); that count is exact only for lines the splitter
 * cuts at their line feeds alone (no lone CR, no line over 64 KiB), which the
 * counter also proves.
 */
import { namedApplication } from '../decode/context.js';
import type { DecodedRecord } from '../decode/record.js';
import type { Group } from '../group/grouper.js';
import { SPLIT_DEFAULTS } from '../read/split.js';
import type { Spec } from '../spec/types.js';

/** The splitter's longest line (src/read/split.ts). */
export const LINE_LIMIT = SPLIT_DEFAULTS.maxLineLength;
/** How far the splitter looks for a line ending before it reads fixed 80-column records. */
export const DETECT_WINDOW = SPLIT_DEFAULTS.detectWindow;

const LF = 0x0a;
const CR = 0x0d;
const A = 0x41;
const Z = 0x5a;

/** Where a part lies in its file. */
export type PartRole = 'head' | 'middle' | 'tail';

/**
 * Watches one part's records (LintRun `observe`) and says whether linting the
 * part alone gave the single pass's report (see the file comment).
 */
export class PartWatch {
  private inKnownBatch = false;
  private records = 0;
  /** The last record was the Z of a batch opened by a known A. */
  private closedBatch = false;
  private problem: string | undefined;

  constructor(private readonly spec: Spec, private readonly role: PartRole) {}

  observe = (record: DecodedRecord, path: readonly Group[]): void => {
    this.records++;
    if (this.problem) return;
    const layout = record.layout;
    const level = layout?.level;
    this.closedBatch = false;
    if (level === 'batch' && layout!.role === 'open') {
      // The decoder's own test (AppContext): the batch's records are read in the application it names.
      this.inKnownBatch = namedApplication(this.spec, layout!, record.text) !== undefined;
      if (!this.inKnownBatch) this.problem = `record ${record.n}: a batch of an unknown application`;
      return;
    }
    if (this.records === 1 && this.role !== 'head') {
      this.problem = `record ${record.n}: the part does not start with an A record`;
      return;
    }
    if (level === 'batch' && layout!.role === 'close') {
      this.closedBatch = this.inKnownBatch;
      this.inKnownBatch = false;
      return;
    }
    if (!this.inKnownBatch) this.problem = `record ${record.n}: outside an A…Z batch`;
    else if (level !== 'block' && !path.some((g) => g.level === 'transaction')) this.problem = `record ${record.n}: outside a transaction`;
  };

  /** Undefined when the part's report is the single pass's; otherwise why not. */
  get unsound(): string | undefined {
    if (this.problem) return this.problem;
    if (this.records === 0) return 'an empty part';
    if (this.role !== 'tail' && !this.closedBatch) return 'the part does not end with the Z record of its batch';
    return undefined;
  }
}

/**
 * In `bytes`, the offset of an A line that follows a Z line and whose own line
 * feed comes within `DETECT_WINDOW` bytes (so the part starting there is split
 * into lines, as the whole file is); -1 when there is none.
 */
export function findCut(bytes: Uint8Array): number {
  for (let nl = bytes.indexOf(LF); nl !== -1; nl = bytes.indexOf(LF, nl + 1)) {
    const start = nl + 1;
    if (bytes[start] !== A) continue;
    const previous = bytes.lastIndexOf(LF, nl - 1);
    if (previous === -1 || bytes[previous + 1] !== Z) continue;
    const end = bytes.indexOf(LF, start);
    if (end !== -1 && end - start < DETECT_WINDOW) return start;
  }
  return -1;
}

/** True when the splitter reads `head` (a file's first bytes) as lines: a CR or LF in its first 64 KiB. */
export function splitsIntoLines(head: Uint8Array): boolean {
  const window = head.subarray(0, DETECT_WINDOW);
  return window.indexOf(LF) !== -1 || window.indexOf(CR) !== -1;
}

/**
 * Counts the records of a file's first bytes, chunk by chunk, the way the
 * splitter cuts them in lines mode, as long as every line ends with a line
 * feed (CRLF counts) and is at most `LINE_LIMIT` bytes: then each line feed
 * ends one record. `exact` turns false otherwise.
 */
export class RecordCounter {
  records = 0;
  exact = true;
  /** Bytes since the last line feed. */
  private line = 0;
  /** The previous chunk ended with a CR. */
  private cr = false;

  push(bytes: Uint8Array): void {
    if (!this.exact) return;
    if (this.cr && bytes[0] !== LF) this.exact = false;
    let from = 0;
    for (let nl = bytes.indexOf(LF); nl !== -1; nl = bytes.indexOf(LF, from)) {
      if (this.line + nl - from > LINE_LIMIT) this.exact = false; // (a CRLF line of exactly the limit too: no matter)
      this.records++;
      this.line = 0;
      from = nl + 1;
    }
    this.line += bytes.length - from;
    if (this.line > LINE_LIMIT) this.exact = false;
    // A CR is allowed only right before a line feed.
    for (let cr = bytes.indexOf(CR); cr !== -1; cr = bytes.indexOf(CR, cr + 1)) {
      if (cr + 1 < bytes.length && bytes[cr + 1] !== LF) this.exact = false;
    }
    this.cr = bytes.length > 0 && bytes[bytes.length - 1] === CR;
  }

  /** The count, once the counted bytes end where a part starts (after a line feed). */
  end(): number | undefined {
    return this.exact && this.line === 0 && !this.cr ? this.records : undefined;
  }
}
