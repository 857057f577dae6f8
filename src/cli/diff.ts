import type { Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import { createDiffSession, DiffLimitError, type DiffProblem } from '../api/diff.js';
import { createFormatter, DIFF_FORMATS, type DiffFormat } from '../diff/format.js';
import type { TextStyle } from '../diff/format-text.js';
import { CliError, colorFor, EXIT, openInput, Output, Progress, type CliEnv } from './io.js';
import { systemReason } from './reason.js';
import { globals, type Globals, type Run } from './shared.js';

interface DiffCliOptions {
  format: string;
  ignore?: string[];
  ignoreEnvelope?: boolean;
  output?: string;
  encoding?: string;
  app?: string;
  maxPending?: string;
}

export function registerDiff(program: Command, env: CliEnv, run: Run): void {
  program
    .command('diff')
    .argument('<a>', 'the first transmission: fixed-width, JSON or NDJSON; - for stdin')
    .argument('<b>', 'the second transmission, in any of those forms')
    .description('what changed between two transmissions, field by field (entries, lines, tariffs, PGA lines and entities aligned by their keys)')
    .option('-f, --format <form>', 'text | json', 'text')
    .option('--ignore <field>', 'leave out a field: its id (entityName) or RECORD.field (PG19.entityName); repeatable', (v: string, list: string[] | undefined) => [...(list ?? []), v])
    .option('--ignore-envelope', 'leave out the A/B/Y/Z dates, passwords and user data')
    .option('-o, --output <file>', 'write the report here instead of stdout (written whole or not at all)')
    .option('-e, --encoding <name>', 'fixed-width character encoding: ascii, latin1, utf-8, windows-1252, cp037', 'ascii')
    .option('--app <id>', 'application to assume for records outside an A/B envelope (AE, SE, CA, ...)')
    .option('--max-pending <n>', 'records held at most while they wait for their partner; past it, exit 2 (default: until memory is nearly full)')
    .addHelpText('after', `
Examples:
  catair diff sent.abi resent.abi                    changes grouped by entry and line
  catair diff golden.json today.abi --ignore-envelope
  catair diff a.abi b.abi --format json | jq '.changes[] | select(.recordId=="PG19")'
  catair -q diff a.abi b.abi && echo same

Entries match by filer code and entry number, lines by line number, tariffs by
HTS number and position, PGA lines by agency and PGA line number, entities by
role, LPCOs by type and number; order alone is not a change.

Files in the same order are compared as they are read. Entries out of order, or
files with different entries, wait whole for a partner; when they near the memory
Node allows, diff stops (status 2) and says so.

Exit status: 0 no differences, 1 differences, 2 usage, an input that cannot be read,
or more waiting than memory or --max-pending allows.`)
    .action((a: string, b: string, opts: DiffCliOptions, cmd: Command) => run(() => runDiff(env, a, b, opts, globals(cmd))));
}

async function runDiff(env: CliEnv, pathA: string, pathB: string, opts: DiffCliOptions, g: Globals): Promise<number> {
  if (pathA === '-' && pathB === '-') throw new CliError('only one side can be read from stdin (-)');
  if ((pathA === '-' || pathB === '-') && env.stdin.isTTY) throw new CliError('no input on stdin: give a file, or pipe one in with -');
  const format = opts.format.toLowerCase() as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) throw new CliError(`--format must be ${DIFF_FORMATS.join(' or ')}, not ${JSON.stringify(opts.format)}`);
  if (opts.maxPending !== undefined && !/^[1-9]\d*$/.test(opts.maxPending)) throw new CliError(`--max-pending must be a whole number of 1 or more, not ${JSON.stringify(opts.maxPending)}`);
  const first = openInput(env, pathA);
  let second: ReturnType<typeof openInput>;
  try {
    second = openInput(env, pathB);
  } catch (e) {
    first.close();
    throw e;
  }
  const inputs = { a: first, b: second };

  let problem: DiffProblem | undefined;
  let changes = 0;
  const out = g.quiet ? undefined : Output.open(env, opts.output);
  const c = colorFor(opts.output ? {} : env.stdout, env.env, g.color);
  const report = out ? createFormatter(format, (t) => out.write(t), style(c)) : undefined;
  const session = createDiffSession(
    { spec: g.spec, encoding: opts.encoding, app: opts.app, ignore: opts.ignore ?? [], ignoreEnvelope: !!opts.ignoreEnvelope, ...(opts.maxPending ? { maxPending: Number(opts.maxPending) } : {}) },
    {
      change(change) {
        changes++;
        report?.change(change);
      },
      problem: (p) => (problem ??= p),
    },
  );
  const sources = { a: inputs.a.chunks(), b: inputs.b.chunks() };
  const trouble = (p: DiffProblem) => new CliError(`${inputs[p.side].name}: ${p.issue.message}`);
  // A bar over both inputs, counting changes, when the changes are not being written to the terminal itself.
  const total = inputs.a.size !== undefined && inputs.b.size !== undefined ? inputs.a.size + inputs.b.size : undefined;
  const progress = Progress.for(env, g.quiet || (!opts.output && !!env.stdout.isTTY), total);
  let bytes = 0;
  try {
    for (let side = session.next(); side; side = session.next()) {
      let r: IteratorResult<Buffer>;
      try {
        r = await sources[side].next();
      } catch (e) {
        throw new CliError(`${inputs[side].name}: cannot read (${systemReason(e)})`);
      }
      if (r.done) session.end(side);
      else {
        session.write(side, r.value);
        bytes += r.value.length;
        progress.update(bytes, 0, () => `${changes.toLocaleString('en-US')} change${changes === 1 ? '' : 's'}`);
      }
      if (problem) throw trouble(problem);
      // Exit status only: the first difference settles it (like cmp -s).
      if (!out && changes) return EXIT.problems;
      if (out) {
        await out.flush();
        if (out.gone) return EXIT.problems;
      }
    }
    progress.done();
    const summary = session.finish();
    if (problem) throw trouble(problem);
    report?.end(summary);
    await out?.commit();
    return summary.added + summary.removed + summary.changed ? EXIT.problems : EXIT.ok;
  } catch (e) {
    out?.abort();
    if (e instanceof DiffLimitError) {
      const advice = e.limit === 'records' ? '--max-pending raises the limit' : 'NODE_OPTIONS=--max-old-space-size=MB gives Node more, or compare smaller files';
      throw new CliError(`${inputs.a.name} and ${inputs.b.name}: ${e.message}, at ${inputs[e.side].name} record ${e.record}; entries far out of order, or files with different entries, wait whole until the end. ${advice}`);
    }
    throw e;
  } finally {
    progress.done();
    inputs.a.close();
    inputs.b.close();
  }
}

function style(c: ChalkInstance): TextStyle {
  return { added: c.green, removed: c.red, changed: c.yellow, heading: c.bold, dim: c.dim };
}
