import type { Command } from 'commander';
import { loadSpec, SpecError } from '../node/spec-dir.js';
import { OptionError } from '../api/options.js';
import type { Spec } from '../spec/types.js';
import { CliError, EXIT } from './io.js';

export type Run = (fn: () => Promise<number> | number) => Promise<void>;

export interface Globals {
  spec: Spec;
  color: boolean | undefined;
  quiet: boolean;
}

/** Global options, normalized once: the spec is loaded and checked here. */
export function globals(cmd: Command): Globals {
  const o = cmd.optsWithGlobals() as { spec?: string; color?: boolean; quiet?: boolean };
  let root = cmd;
  while (root.parent) root = root.parent;
  // --color / --no-color only count when given; otherwise the terminal and NO_COLOR decide.
  const color = root.getOptionValueSource('color') === 'cli' ? o.color : undefined;
  return { spec: loadSpecOrThrow(o.spec), color, quiet: !!o.quiet };
}

function loadSpecOrThrow(dir: string | undefined): Spec {
  try {
    return loadSpec(dir);
  } catch (e) {
    if (e instanceof SpecError) throw new CliError(e.message, EXIT.usage);
    throw e;
  }
}

/** Turns known failures into messages and exit codes; anything else is a bug, still without a stack trace unless CATAIR_DEBUG is set. */
export function errorToExit(e: unknown, write: (s: string) => void, debug: boolean): number {
  if (e instanceof CliError) {
    write(`catair: ${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof OptionError) {
    write(`catair: ${e.message}\n`);
    return EXIT.usage;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' && err.code.startsWith('E')) {
    write(`catair: ${err.message}\n`);
    return EXIT.usage;
  }
  write(`catair: internal error: ${(e as Error)?.message ?? String(e)}\n${debug ? `${(e as Error)?.stack ?? ''}\n` : 'Set CATAIR_DEBUG=1 for details, and please report it.\n'}`);
  return EXIT.internal;
}
