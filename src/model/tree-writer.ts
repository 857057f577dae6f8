/**
 * Writes the tree JSON document incrementally as groups open and close, one
 * record per line, so memory stays bounded whatever the input size. The output
 * is ordinary JSON (any parser reads it).
 */
import type { DecodedRecord } from '../decode/record.js';
import type { Group } from '../group/grouper.js';
import type { Eol } from '../read/split.js';
import { ByteSink, writeJsonRecord } from './json-bytes.js';
import { MODEL_VERSION } from './json.js';

export interface TreeWriterOptions {
  spec: string;
  encoding: string;
}

export class TreeWriter {
  private started = false;
  private eol: Eol = 'lf';
  /** For each open array (document, then each group): has it an element yet? */
  private readonly hasElement: boolean[] = [];

  /** Each `sink.commit()` ends one piece of output (a header, a record line, a bracket). */
  constructor(private readonly options: TreeWriterOptions, private readonly sink: ByteSink) {}

  private out(text: string): void {
    this.sink.writeString(text);
    this.sink.commit();
  }

  private start(eol: Eol): void {
    if (this.started) return;
    this.started = true;
    this.eol = eol;
    const header = { catair: MODEL_VERSION, spec: this.options.spec, encoding: this.options.encoding, eol };
    this.out(`${JSON.stringify(header).slice(0, -1)},"records":[`);
    this.hasElement.push(false);
  }

  /** Starts an array element: the separator and indentation before it. */
  private element(): void {
    const depth = this.hasElement.length;
    const sep = this.hasElement[depth - 1] ? ',\n' : '\n';
    this.hasElement[depth - 1] = true;
    this.sink.writeString(sep + '  '.repeat(depth));
  }

  open(group: Group): void {
    if (!this.started) {
      // The document's line ending is the first record's; it comes right after.
      this.deferred.push({ kind: 'open', group });
      return;
    }
    const head: Record<string, unknown> = { group: group.level };
    if (group.label !== undefined) head.label = group.label;
    this.element();
    this.out(`${JSON.stringify(head).slice(0, -1)},"records":[`);
    this.hasElement.push(false);
  }

  private deferred: { kind: 'open'; group: Group }[] = [];

  record(record: DecodedRecord): void {
    if (!this.started) {
      this.start(record.eol);
      const d = this.deferred;
      this.deferred = [];
      for (const x of d) this.open(x.group);
    }
    this.element();
    writeJsonRecord(this.sink, record, this.eol);
    this.sink.commit();
  }

  close(): void {
    const had = this.hasElement.pop();
    const depth = this.hasElement.length;
    this.out(`${had ? '\n' + '  '.repeat(depth) : ''}]}`);
  }

  end(): void {
    if (!this.started) this.start('lf');
    this.close();
    this.out('\n');
  }
}
