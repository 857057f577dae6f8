import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createDecodeSession } from '../api/decode.js';
import { createEncodeSession } from '../api/encode.js';
import type { Issue } from '../issues/issue.js';
import { FormSniffer, type InputForm } from '../read/sniff.js';
import { CliError, colorFor, drained, EXIT, openInput, Output, Progress, type CliEnv, type Input } from './io.js';
import { systemReason } from './reason.js';
import { issueLine, MAX_ISSUE_LINES, parseMaxIssues, unshownLine } from './issue-line.js';
import { globals, type Run } from './shared.js';

interface ConvertOptions {
  to?: string;
  output?: string;
  encoding?: string;
  eol?: string;
  app?: string;
  maxIssues?: string;
}

export function registerConvert(program: Command, env: CliEnv, run: Run): void {
  program
    .command('convert')
    .argument('[input]', 'fixed-width, JSON or NDJSON file; - for stdin', '-')
    .description('convert fixed-width ⇄ JSON (tree) or NDJSON, byte-exact both ways')
    .option('-t, --to <form>', 'json | ndjson | abi (default: the other form of what it reads)')
    .option('-o, --output <file>', 'write here instead of stdout (written whole or not at all)')
    .option('-e, --encoding <name>', 'fixed-width character encoding: ascii, latin1, utf-8, windows-1252, cp037', 'ascii')
    .option('--eol <eol>', 'line ending for fixed-width output: lf, crlf, cr, none (default: as recorded)')
    .option('--app <id>', 'application to assume for records outside an A/B envelope (AE, SE, CA, ...)')
    .option('--max-issues <n>', `issue lines printed on stderr; the rest are counted (default ${MAX_ISSUE_LINES}; all prints every one)`)
    .addHelpText('after', `
Examples:
  catair convert entry.abi                      fixed-width → JSON tree on stdout
  catair convert entry.abi --to ndjson | jq -c 'select(.id=="PG19")'
  catair convert entry.json -o entry.abi        JSON → fixed-width, written atomically
  cat day.abi | catair convert - --to ndjson > day.ndjson

Exit status: 0 converted cleanly, 1 some records kept as raw text or not written
(reported on stderr as file:record:columns), 2 usage, unreadable input or spec.`)
    .action((input: string, opts: ConvertOptions, cmd: Command) => run(() => convert(env, input, opts, globals(cmd))));
}

async function convert(env: CliEnv, inputPath: string, opts: ConvertOptions, g: ReturnType<typeof globals>): Promise<number> {
  if (inputPath === '-' && env.stdin.isTTY) throw new CliError('no input: give a file, or pipe one in with -');
  const to = opts.to?.toLowerCase();
  if (to !== undefined && !['json', 'ndjson', 'abi', 'fixed'].includes(to)) throw new CliError(`--to must be json, ndjson or abi, not ${JSON.stringify(opts.to)}`);
  const maxLines = parseMaxIssues(opts.maxIssues) ?? MAX_ISSUE_LINES;
  const input = openInput(env, inputPath);
  try {
    return await convertInput(env, input, to, maxLines, opts, g);
  } finally {
    input.close();
  }
}

/** `maxLines`: issue lines printed on stderr, the rest counted (--max-issues). */
async function convertInput(env: CliEnv, input: Input, to: string | undefined, maxLines: number, opts: ConvertOptions, g: ReturnType<typeof globals>): Promise<number> {
  const c = colorFor(env.stderr, env.env, g.color);
  // No bar when the output itself goes to the terminal.
  const progress = Progress.for(env, g.quiet || (!opts.output && !!env.stdout.isTTY), input.size);
  let errors = 0;
  let printed = 0;
  let unshown = 0;
  const report = (i: Issue) => {
    if (i.severity === 'error') errors++;
    if (g.quiet) return;
    if (printed < maxLines) {
      printed++;
      // The bar's line is cleared first, so the issue has a line of its own (the bar comes back on the next update).
      progress.done();
      env.stderr.write(issueLine(input.name, i, c) + '\n');
    } else unshown++;
  };
  const tellUnshown = () => {
    if (unshown) env.stderr.write(unshownLine(input.name, unshown, printed) + '\n');
  };

  const iterator = input.chunks();
  const first = await readHead(iterator);
  if (first.error) throw new CliError(`${input.name}: cannot read (${systemReason(first.error)})`);
  const looksJson = first.form === 'json';
  const target = to === 'fixed' ? 'abi' : to ?? (looksJson ? 'abi' : 'json');
  const out = Output.open(env, opts.output);
  let bytes = 0;
  try {
    if (target === 'abi') {
      if (!looksJson && first.chunk) throw new CliError(`${input.name}: --to abi needs JSON or NDJSON input`);
      const session = createEncodeSession(
        { spec: g.spec, encoding: opts.encoding, app: opts.app, eol: opts.eol },
        { data: (b) => out.writeData(b), issue: report },
      );
      const text = new TextDecoderStream(input.name);
      await pump(first.chunk, iterator, (chunk) => {
        bytes += chunk.length;
        session.writeJsonText(text.decode(chunk));
        progress.update(bytes, session.records);
      }, out, env.stderr);
      // The reader went away (`| head`): stop quietly, as a pipe expects.
      if (out.gone) return EXIT.ok;
      session.end();
      if (session.errors) {
        out.abort();
        progress.done();
        if (opts.output) env.stderr.write(c.red(`catair: ${opts.output} not written: ${session.errors} record${session.errors === 1 ? '' : 's'} could not be encoded\n`));
        return EXIT.problems;
      }
    } else {
      const session = createDecodeSession(
        { spec: g.spec, encoding: opts.encoding, app: opts.app, to: target === 'ndjson' ? 'ndjson' : 'json' },
        { data: (b) => out.writeData(b), issue: report },
      );
      await pump(first.chunk, iterator, (chunk) => {
        bytes += chunk.length;
        session.write(chunk);
        progress.update(bytes, session.records);
      }, out, env.stderr);
      if (out.gone) return EXIT.ok;
      session.end();
    }
    await out.commit();
  } catch (e) {
    out.abort();
    throw e;
  } finally {
    progress.done();
    tellUnshown();
  }
  return errors ? EXIT.problems : EXIT.ok;
}

/**
 * Incremental UTF-8 decoder for JSON text (multi-byte characters may straddle
 * chunks). Invalid UTF-8 stops the conversion: replacing it would write other
 * bytes than the JSON meant.
 */
class TextDecoderStream {
  private readonly d = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;
  constructor(private readonly name: string) {}
  decode(chunk: Buffer): string {
    try {
      return this.d.decode(chunk, { stream: true });
    } catch {
      throw new CliError(`${this.name}: not valid UTF-8 in bytes ${this.offset + 1}-${this.offset + chunk.length} (JSON and NDJSON are read as UTF-8)`);
    } finally {
      this.offset += chunk.length;
    }
  }
}

/**
 * The input's first chunks, up to where its form is known (src/read/sniff.ts:
 * JSON, or fixed-width), joined as one: a pipe may deliver leading blanks
 * alone.
 */
async function readHead(it: AsyncIterator<Buffer>): Promise<{ chunk?: Buffer; form?: InputForm; error?: Error }> {
  const sniffer = new FormSniffer();
  const chunks: Buffer[] = [];
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      chunks.push(chunk);
      if (sniffer.push(chunk)) break;
    }
  } catch (e) {
    return { error: e as Error };
  }
  const form = sniffer.end();
  return chunks.length ? { chunk: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), form } : { form };
}

async function pump(first: Buffer | undefined, it: AsyncIterator<Buffer>, each: (b: Buffer) => void, out: Output, stderr: Writable): Promise<void> {
  for (let chunk = first; ;) {
    if (chunk) {
      each(chunk);
      await out.flush();
      // Issues go to stderr as they are found: a slow reader there holds up reading too.
      await drained(stderr);
    }
    if (out.gone) return;
    let r: IteratorResult<Buffer>;
    try {
      r = await it.next();
    } catch (e) {
      throw new CliError(`cannot read input (${systemReason(e)})`);
    }
    if (r.done) return;
    chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
  }
}
