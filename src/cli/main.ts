/**
 * The catair command line: a thin layer over the library (STYLE §12). It takes
 * injected streams so tests run it in-process.
 */
import { Command, CommanderError, Option } from 'commander';
import { registerConvert } from './convert.js';
import { registerDiff } from './diff.js';
import { registerExplain } from './explain.js';
import { EXIT, Output, type CliEnv } from './io.js';
import { registerLint } from './lint.js';
import { systemReason } from './reason.js';
import { errorToExit, type Run } from './shared.js';
import { registerView } from './view.js';

export const VERSION = '0.1.0';

export async function main(env: CliEnv): Promise<number> {
  let exitCode: number = EXIT.ok;
  const debug = !!env.env.CATAIR_DEBUG;
  const run: Run = async (fn) => {
    try {
      exitCode = await fn();
    } catch (e) {
      exitCode = errorToExit(e, (s) => env.stderr.write(s), debug);
    }
  };

  const program = new Command('catair')
    .description('Read, write, check and compare CATAIR fixed-width ABI transmissions (CBP ACE; PGA Message Set).')
    .version(VERSION, '-V, --version')
    .addOption(new Option('--spec <dir>', 'record-layout spec folder (default: the shipped ace-2026-07 edition)'))
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .option('--color', 'colour even when not on a terminal')
    .option('-q, --quiet', 'no progress and no issue messages; exit status only')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => env.stdout.write(s),
      writeErr: (s) => env.stderr.write(s),
    })
    .addHelpText('after', `
Examples:
  catair convert samples/ae-aphis-entry-summary.abi --to ndjson
  catair lint samples/*.abi --format json
  catair diff sent.abi resent.abi --ignore-envelope
  catair explain PG19
  catair view samples/se-cargo-release.abi

Exit status: 0 success, 1 problems found (lint errors, differences, records kept raw),\n2 usage, unreadable input or spec.`);

  registerConvert(program, env, run);
  registerDiff(program, env, run);
  registerExplain(program, env, run);
  registerView(program, env, run);
  registerLint(program, env, run, VERSION);

  // A reader that went away (`catair --help | head`) ends the output quietly. Commands write
  // through Output, which stops on the same error; this covers commander's help and version
  // text, and keeps an EPIPE from ever surfacing as an unhandled 'error' event.
  env.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') env.stderr.write(`catair: cannot write to standard output (${systemReason(e)})\n`);
  });

  // Ctrl-C, a CI job cancelled (SIGTERM) or a terminal closed (SIGHUP): no temporary `-o`
  // file is left behind, and the status is the shell's 128 + the signal's number.
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  const interrupt = (signal: NodeJS.Signals) => {
    for (const o of Output.live) o.abort();
    process.exit(signals[signal as keyof typeof signals] ?? 130);
  };
  for (const signal of Object.keys(signals)) process.once(signal, interrupt);
  try {
    await program.parseAsync(env.argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    return errorToExit(e, (s) => env.stderr.write(s), debug);
  } finally {
    for (const signal of Object.keys(signals)) process.off(signal, interrupt);
  }
  return exitCode;
}
