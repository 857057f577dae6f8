import type { Command } from 'commander';
import { createDecodeSession } from '../api/decode.js';
import type { Issue } from '../issues/issue.js';
import { colorFor, drained, EXIT, openInput, Output, type CliEnv } from './io.js';
import { issueLine, MAX_ISSUE_LINES, parseMaxIssues, unshownLine } from './issue-line.js';
import { globals, type Run } from './shared.js';

export function registerView(program: Command, env: CliEnv, run: Run): void {
  program
    .command('view')
    .argument('[input]', 'fixed-width file; - for stdin', '-')
    .description('print each record with its field names and values, indented by group')
    .option('-e, --encoding <name>', 'character encoding', 'ascii')
    .option('--app <id>', 'application to assume for records outside an A/B envelope')
    .option('--max-issues <n>', `issue lines printed after the records; the rest are counted (default ${MAX_ISSUE_LINES}; all prints every one)`)
    .addHelpText('after', `
Examples:
  catair view samples/ae-aphis-entry-summary.abi
  catair view entry.abi | less -R`)
    .action((input: string, opts: { encoding?: string; app?: string; maxIssues?: string }, cmd: Command) =>
      run(async () => {
        const g = globals(cmd);
        const maxLines = parseMaxIssues(opts.maxIssues) ?? MAX_ISSUE_LINES;
        const src = openInput(env, input);
        const c = colorFor(env.stdout, env.env, g.color);
        const ce = colorFor(env.stderr, env.env, g.color);
        const out = Output.open(env, undefined);
        let errors = 0;
        const shown = new WeakSet<object>();
        // Printed after the records, so they do not break up the view: the first maxLines (--max-issues),
        // and a count of the rest (a file of garbage has millions).
        const issues: Issue[] = [];
        let unshown = 0;
        const session = createDecodeSession(
          { spec: g.spec, encoding: opts.encoding, app: opts.app, to: 'none' },
          {
            record(json, raw, path) {
              path.forEach((grp, depth) => {
                if (shown.has(grp)) return;
                shown.add(grp);
                out.write(`${' '.repeat(7)}${'  '.repeat(depth)}${c.magenta(`▸ ${grp.level}`)}${grp.label ? ` ${grp.label}` : ` #${grp.index}`}\n`);
              });
              const indent = '  '.repeat(path.length);
              const head = `${c.dim(String(json.record).padStart(6))} ${indent}${c.bold((json.id ?? '??').padEnd(4))}`;
              const fields = Object.entries(json.fields ?? {}).map(([k, v]) => `${c.cyan(k)}=${typeof v === 'string' ? JSON.stringify(v) : v}`);
              let line = `${head} ${fields.join(' ')}`;
              if (json.raw !== undefined) line += `${fields.length ? ' ' : ''}${c.yellow('raw=')}${JSON.stringify(raw.text)}`;
              out.write(line.trimEnd() + '\n');
            },
            issue(i) {
              if (i.severity === 'error') errors++;
              if (issues.length < maxLines) issues.push(i);
              else unshown++;
            },
          },
        );
        for await (const chunk of src.chunks()) {
          session.write(chunk);
          await out.flush();
          if (out.gone) break;
        }
        session.end();
        await out.commit();
        if (!g.quiet) {
          for (const i of issues) {
            env.stderr.write(issueLine(src.name, i, ce) + '\n');
            await drained(env.stderr);
          }
          if (unshown) env.stderr.write(unshownLine(src.name, unshown, issues.length) + '\n');
        }
        return errors ? EXIT.problems : EXIT.ok;
      }),
    );
}
