import { closeSync, existsSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  addFileSummary, createLintSession, DEFAULT_MAX_ISSUES, formatLint, FORMATS, LintConfigError, lintResult, NormalizedLintOptions, parseConfig, parseRuleOption,
  type LintConfig, type LintFileResult, type LintFormat, type LintOptions, type LintSummary, type RuleLevel,
} from '../lint/index.js';
import { parseFlagsCsv } from '../lint/checks/flags.js';
import { addSummary, noIssues } from '../lint/policy.js';
import { githubFile, jsonFile, jsonHead, jsonTail, sarifFile, sarifHead, sarifTail, textBlocks, textSummary } from '../lint/format/index.js';
import { CliError, colorFor, EXIT, openInput, Output, Progress, resolvePath, type CliEnv } from './io.js';
import { systemReason } from './reason.js';
import { parseMaxIssues } from './issue-line.js';
import { lintInParts, planParts, type Part } from './lint-parts.js';
import { lintInWorkers, lintThreads, lintWorkerScript } from './lint-pool.js';
import { globals, type Run } from './shared.js';

interface LintCliOptions {
  format: string;
  rule?: string[];
  config?: string;
  strict?: boolean;
  maxWarnings?: string;
  flags?: string;
  output?: string;
  encoding?: string;
  app?: string;
  jobs?: string;
  maxIssues?: string;
}

const CONFIG_FILE = '.catairrc.json';

/** `version` is catair's, for the SARIF report. */
export function registerLint(program: Command, env: CliEnv, run: Run, version: string): void {
  program
    .command('lint')
    .argument('[files...]', 'fixed-width files; - for stdin (the default)')
    .description('check transmissions against the CATAIR rules: record, envelope (B&B X-codes), transaction and PGA rules')
    .option('-f, --format <name>', `report format: ${FORMATS.join(', ')}`, 'text')
    .option('--rule <CODE=LEVEL>', 'set a rule to off, info, warning or error (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('-c, --config <file>', `configuration file (default: the nearest ${CONFIG_FILE} from the working folder up)`)
    .option('--strict', 'count warnings as errors')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('--flags <file>', 'CSV of HTS number and APHIS flag (AQ1, AQ2) for the PGA rules')
    .option('-o, --output <file>', 'write the report here instead of stdout (written whole or not at all)')
    .option('-e, --encoding <name>', 'character encoding: ascii, latin1, utf-8, windows-1252, cp037', 'ascii')
    .option('--app <id>', 'application to assume for records outside an A/B envelope (AE, SE, CA, ...)')
    .option('-j, --jobs <n>', 'threads to lint on (default: for many files one per core and per 64 MiB of input, for one file one; see below)')
    .option('--max-issues <n>', `issues listed per file, the first by record; the rest are counted (default ${DEFAULT_MAX_ISSUES}; all lists every one)`)
    .addHelpText('after', `
Each issue names file:record:columns, its code, severity and message; the text
format shows the record under a column ruler with ^^^ beneath the bad columns.
Every code is explained in docs/rules.md.

Configuration (${CONFIG_FILE}, JSON): {"rules": {"CODE": "off|info|warning|error"},
"strict": false, "maxWarnings": 10}. Command-line options win over the file.

Examples:
  catair lint entry.abi
  catair lint day/*.abi --format json | jq '.summary'
  catair lint entry.abi --rule numeric-zero-filled=off --rule entry-check-digit=error
  cat entry.abi | catair lint - --strict
  catair lint out/*.abi --format sarif -o catair.sarif      for code scanning
  catair lint out/*.abi --format github                     annotations in a GitHub workflow
  catair lint aphis-lines.abi --app AE --flags aphis-flags.csv
  catair lint day.abi --jobs 4                              a large file in four parts, on four threads
  catair lint day/*.abi --jobs 1                            many files, one thread
  catair lint day.abi --format json --max-issues all        every issue, however many

Threads: many files are shared among threads, one per core and per 64 MiB of
input (smaller sets are linted sooner on one thread: a thread's start-up and
warm-up cost what some 30 MB of input does), or --jobs N. One file is linted
in one pass on one thread, unless --jobs N (2 or more) asks for a file of 16 MiB
or more to be cut between batches into N parts on N threads: faster on large
files where cores are free, at about 20-60 MB more memory per thread.

Exit status: 0 no errors, 1 errors (or more warnings than --max-warnings),
2 usage, unreadable input, configuration or spec.`)
    .action((files: string[], opts: LintCliOptions, cmd: Command) =>
      run(() => lintCommand(env, files, opts, globals(cmd), version, (cmd.optsWithGlobals() as { spec?: string }).spec)));
}

async function lintCommand(env: CliEnv, files: string[], opts: LintCliOptions, g: ReturnType<typeof globals>, version: string, specDir?: string): Promise<number> {
  const format = opts.format.toLowerCase() as LintFormat;
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(opts.format)}`);
  const inputs = files.length ? files : ['-'];
  if (opts.jobs !== undefined && !/^[1-9]\d*$/.test(opts.jobs)) throw new CliError(`--jobs must be a whole number of 1 or more, not ${JSON.stringify(opts.jobs)}`);
  const threadsAsked = opts.jobs === undefined ? undefined : Number(opts.jobs);
  if (inputs.filter((f) => f === '-').length > 1) throw new CliError('stdin (-) can be read only once');
  if (inputs.includes('-') && env.stdin.isTTY) throw new CliError('no input: give a file, or pipe one in with -');
  // Only the text format prints the records under its ruler; the others need no record text.
  const { options, plain } = normalizeOptions(env, opts, g, format === 'text');

  const out = Output.open(env, g.quiet && !opts.output ? undefined : opts.output);
  const write = (text: string) => {
    if (!g.quiet || opts.output) out.write(text);
  };
  const colors = colorFor(opts.output ? {} : env.stdout, env.env, g.color);
  // Every format but JUnit is written file by file, and a file's issues are let go once written:
  // only counts are kept, so memory does not grow with the number of files.
  const summary: LintSummary = noIssues();
  const omitted: LintSummary = noIssues();
  let fileCount = 0;
  let recordCount = 0;
  let sarifResults = 0;
  const junitFiles: LintFileResult[] = [];
  // Files named but not read (each reported on stderr as it happened).
  let unread = 0;
  let failed = false;
  if (format === 'json') write(jsonHead());
  if (format === 'sarif') write(sarifHead(options.rules, version));
  const report = async (result: LintFileResult) => {
    addFileSummary(summary, result);
    addSummary(omitted, result.omitted);
    recordCount += result.records;
    if (format === 'json') write(jsonFile(result, fileCount));
    if (format === 'sarif') {
      write(sarifFile(result, options.rules, sarifResults));
      sarifResults += result.issues.length;
    }
    if (format === 'junit') junitFiles.push(result);
    fileCount++;
    if (format === 'text' && (result.issues.length || result.omitted)) {
      // Issue by issue (the same text as textFile): a file with many issues never becomes one string.
      let first = true;
      for (const block of textBlocks(result, colors)) {
        write(first ? block : '\n' + block);
        first = false;
        await out.flush();
      }
      write('\n');
    }
    if (format === 'github') write(githubFile(result));
    await out.flush();
  };
  // Worker threads load the spec themselves, from its folder.
  const workerOptions: LintOptions = { ...plain, spec: specDir === undefined ? undefined : resolvePath(env, specDir) };
  try {
    const many = inputs.length > 1;
    const script = many && !inputs.includes('-') ? lintWorkerScript() : undefined;
    const jobs = many ? inputs.map((path) => ({ path: resolvePath(env, path), name: path })) : [];
    // The size of a set of files (stdin, if one of them, counts 0).
    const total = jobs.reduce((n, j) => n + (j.name !== '-' && existsSync(j.path) ? statSync(j.path).size : 0), 0);
    const threads = lintThreads(inputs.length, total, threadsAsked);
    // CATAIR_DEBUG=lint-threads tells on stderr how many threads lint many files.
    if (script && debugging(env, 'lint-threads')) env.stderr.write(`catair: ${inputs.length} files, ${total} bytes: ${threads} thread${threads === 1 ? '' : 's'}\n`);
    if (script && threads > 1) {
      // Many files: several cores lint whole files; reports keep the order the files were given.
      const progress = Progress.for(env, g.quiet, total);
      let bytes = 0;
      let done = 0;
      try {
        await lintInWorkers(script, jobs, workerOptions, threads, async (_i, outcome) => {
          done++;
          // The bar's line is cleared before anything else is written: it is drawn again on the next update.
          progress.done();
          if ('result' in outcome) return report(outcome.result);
          if ('unreadable' in outcome) unread++;
          else failed = true;
          env.stderr.write(`catair: ${'failed' in outcome ? `internal error: ${outcome.failed}` : outcome.unreadable}\n`);
        }, (n) => {
          bytes += n;
          progress.update(bytes, 0, `${done}/${jobs.length} files`);
        });
      } finally {
        progress.done();
      }
    } else {
      // One file: its own bar. Many on this thread: one bar for the set, counting files, as with workers.
      const progress = many ? Progress.for(env, g.quiet, total || undefined) : undefined;
      let bytes = 0;
      let done = 0;
      const onBytes = progress && ((n: number) => {
        bytes += n;
        progress.update(bytes, 0, `${done}/${inputs.length} files`);
      });
      try {
        for (const path of inputs) {
          const result = (await lintFileInParts(env, path, options, workerOptions, g.quiet, threadsAsked ?? DEFAULT_PART_THREADS))
            ?? (await lintFile(env, path, options, g.quiet, onBytes));
          done++;
          progress?.done();
          if (result) await report(result);
          else unread++;
        }
      } finally {
        progress?.done();
      }
    }
    if (format === 'text') write(textSummary(summary, { files: fileCount, records: recordCount, unread }, colors));
    if (format === 'json') write(jsonTail(summary, fileCount));
    if (format === 'sarif') write(sarifTail(options.rules, version, omitted, sarifResults));
    if (format === 'junit') write(formatLint(lintResult(junitFiles, options.policy), format, { rules: options.rules, version }));
    await out.commit();
    return failed ? EXIT.internal : unread ? EXIT.usage : options.policy.exitCode(summary);
  } catch (e) {
    out.abort();
    throw e;
  }
}

/** Whether `CATAIR_DEBUG` (a comma-separated list) names `topic`. */
function debugging(env: CliEnv, topic: string): boolean {
  return (env.env.CATAIR_DEBUG ?? '').split(',').includes(topic);
}

/**
 * Threads for the parts of one large file when --jobs does not say: one, a
 * single pass. Parts pay where cores are free and files are large, and cost
 * memory per thread: on the 2-vCPU machine of bench/README.md two parts were
 * no faster on 81 MB, 5-15% faster on 324 MB and 1.43× on 1 GB, and took lint
 * on 1 GB from 165 MB to 195 MB of resident memory (up to 209 MB on 324 MB),
 * against the 200 MB lint promises by default.
 */
const DEFAULT_PART_THREADS = 1;

/**
 * One large regular file cut into parts linted on several threads (lint-parts.ts);
 * undefined when it is not cut or some part cannot prove its report equal to
 * a single pass's (then `lintFile` lints it in one pass).
 */
async function lintFileInParts(env: CliEnv, path: string, options: NormalizedLintOptions, plain: LintOptions, quiet: boolean, threads: number): Promise<LintFileResult | undefined> {
  // CATAIR_DEBUG=lint-parts tells on stderr how a file was linted.
  const debug = debugging(env, 'lint-parts') ? (m: string) => env.stderr.write(`catair: ${path}: ${m}\n`) : undefined;
  if (path === '-') return undefined;
  const script = lintWorkerScript();
  if (!script || threads < 2) {
    debug?.(`linted in one pass (${script ? 'one thread' : 'no worker script: not the built CLI'})`);
    return undefined;
  }
  const full = resolvePath(env, path);
  let fd: number;
  try {
    fd = openSync(full, 'r');
  } catch {
    return undefined; // lintFile says why
  }
  let parts: Part[] | undefined;
  let size = 0;
  try {
    const st = fstatSync(fd);
    size = st.size;
    parts = st.isFile() ? planParts(fd, size, threads, options.encoding) : undefined;
  } finally {
    closeSync(fd);
  }
  if (!parts) {
    debug?.('linted in one pass (not cut: small, not ASCII-based, not lines, or no batch boundary near a share)');
    return undefined;
  }
  const progress = Progress.for(env, quiet, size);
  let bytes = 0;
  try {
    const outcome = await lintInParts(script, full, path, parts, options, plain, (n) => progress.update((bytes += n), 0, `${parts.length} parts`));
    if ('result' in outcome) {
      if (debug) {
        const t0 = outcome.timings[0]?.start ?? 0;
        const times = outcome.timings.map((t, k) => (t ? `part ${k + 1} (${parts[k]!.end - parts[k]!.start} bytes): ${k ? `began at ${t.start - t0} ms, counted by ${t.counted - t0} ms, ` : ''}done at ${t.end - t0} ms` : `part ${k + 1}`));
        debug(`linted in ${parts.length} parts; ${times.join('; ')}`);
      }
      return outcome.result;
    }
    debug?.(`linted in one pass (${outcome.onePass})`);
    return undefined;
  } catch (e) {
    debug?.(`linted in one pass (${(e as Error).message})`);
    return undefined; // read again in one pass, which reports any problem
  } finally {
    progress.done();
  }
}

/**
 * Reads one input through a lint session; undefined (after a message) when it
 * cannot be read. `onBytes` hears of the bytes read, for a bar over many files
 * (the file then draws no bar of its own).
 */
async function lintFile(env: CliEnv, path: string, options: NormalizedLintOptions, quiet: boolean, onBytes?: (n: number) => void): Promise<LintFileResult | undefined> {
  let input: ReturnType<typeof openInput>;
  try {
    input = openInput(env, path);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    env.stderr.write(`catair: ${e.message}\n`);
    return undefined;
  }
  const session = createLintSession(options, input.name);
  const progress = Progress.for(env, quiet || onBytes !== undefined, input.size);
  let bytes = 0;
  // A regular file's chunks are read synchronously (Input.chunks); stdin and pipes come from their stream.
  try {
    for await (const chunk of input.chunks()) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      bytes += b.length;
      session.write(b);
      progress.update(bytes, session.records);
      onBytes?.(b.length);
    }
  } catch (e) {
    env.stderr.write(`catair: ${input.name}: cannot read (${systemReason(e)})\n`);
    return undefined;
  } finally {
    progress.done();
  }
  return session.end();
}

/** Options normalized once: configuration file, then command line; every problem is a usage error. */
function normalizeOptions(env: CliEnv, opts: LintCliOptions, g: ReturnType<typeof globals>, recordText: boolean): { options: NormalizedLintOptions; plain: LintOptions } {
  try {
    const configPath = opts.config ? resolvePath(env, opts.config) : findConfig(env.cwd);
    let config: LintConfig = {};
    if (configPath) {
      if (!existsSync(configPath)) throw new CliError(`${opts.config}: no such file`);
      let text: string;
      try {
        text = readFileSync(configPath, 'utf8');
      } catch (e) {
        throw new CliError(`${configPath}: cannot read (${systemReason(e)})`);
      }
      config = parseConfig(text, configPath);
      NormalizedLintOptions.from({ spec: g.spec, ...config }, configPath); // names the file in any problem
    }
    const rules: Record<string, RuleLevel> = { ...config.rules };
    for (const r of opts.rule ?? []) {
      const [code, level] = parseRuleOption(r);
      rules[code] = level;
    }
    let maxWarnings = config.maxWarnings;
    if (opts.maxWarnings !== undefined) {
      if (!/^\d+$/.test(opts.maxWarnings)) throw new CliError(`--max-warnings must be a whole number of zero or more, not ${JSON.stringify(opts.maxWarnings)}`);
      maxWarnings = Number(opts.maxWarnings);
    }
    const maxIssues = parseMaxIssues(opts.maxIssues);
    // `plain` is the same as data, for worker threads (which load the spec themselves).
    const plain: LintOptions = {
      encoding: opts.encoding, app: opts.app, rules, recordText, ...(maxIssues !== undefined ? { maxIssues } : {}),
      strict: opts.strict || config.strict === true, ...(maxWarnings !== undefined ? { maxWarnings } : {}),
      ...(opts.flags ? { flags: Object.fromEntries(readFlags(env, opts.flags)) } : {}),
    };
    return { options: NormalizedLintOptions.from({ ...plain, spec: g.spec }, '--rule'), plain };
  } catch (e) {
    if (e instanceof LintConfigError) throw new CliError(e.message, EXIT.usage);
    throw e;
  }
}

/** The nearest `.catairrc.json` from `dir` upward. */
function findConfig(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const p = join(d, CONFIG_FILE);
    if (existsSync(p)) return p;
    if (dirname(d) === d) return undefined;
  }
}

/** `--flags FILE`: the PGA rules' HTS,flag CSV; any problem in it is a usage error naming the line. */
function readFlags(env: CliEnv, path: string): Map<string, string> {
  const full = resolvePath(env, path);
  if (!existsSync(full)) throw new CliError(`${path}: no such file`);
  const table = parseFlagsCsv(readFileSync(full, 'utf8'));
  if (table.problems.length) throw new CliError(table.problems.map((p) => `${path}:${p.line}: ${p.message}`).join('\n'));
  return table;
}
