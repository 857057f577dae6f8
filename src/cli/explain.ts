import type { Command } from 'commander';
import type { LayoutSpec } from '../spec/types.js';
import { CliError, colorFor, EXIT, type CliEnv } from './io.js';
import { globals, type Run } from './shared.js';

export function registerExplain(program: Command, env: CliEnv, run: Run): void {
  program
    .command('explain')
    .argument('<record>', 'record id (PG19, 10, SE60, A) or layout id (AE.SE60, SO70.v1)')
    .description("print a record's layout from the specs: columns, class, designation, field ids")
    .option('--app <id>', 'only the layout used in this application (AE, SE, CA, ...)')
    .option('--json', 'print the layout as JSON')
    .addHelpText('after', `
Examples:
  catair explain PG19
  catair explain SE60 --app SE
  catair explain 10 --json | jq '.[0].fields[].id'`)
    .action((record: string, opts: { app?: string; json?: boolean }, cmd: Command) =>
      run(() => {
        const g = globals(cmd);
        const want = record.toUpperCase();
        let layouts = [...g.spec.layouts.values()].filter((l) => l.record.toUpperCase() === want || l.layout.toUpperCase() === want);
        if (opts.app) layouts = layouts.filter((l) => l.contexts.includes(opts.app!.toUpperCase()) || l.contexts.includes('*'));
        if (!layouts.length) throw new CliError(`no layout for ${JSON.stringify(record)} in spec ${g.spec.name}${opts.app ? ` for ${opts.app}` : ''}`, EXIT.usage);
        if (opts.json) {
          env.stdout.write(JSON.stringify(layouts.map(layoutJson), null, 2) + '\n');
          return EXIT.ok;
        }
        const c = colorFor(env.stdout, env.env, g.color);
        env.stdout.write(layouts.map((l) => explainText(l, c)).join('\n'));
        return EXIT.ok;
      }),
    );
}

function layoutJson(l: LayoutSpec) {
  return {
    layout: l.layout, record: l.record, name: l.name, page: l.page, contexts: l.contexts, prefix: l.prefix,
    ...(l.select ? { select: l.select } : {}), level: l.level, role: l.role, table: l.table,
    fields: l.fields.map((f) => ({
      id: f.id, element: f.element, start: f.start, end: f.end, length: f.width, class: f.class,
      designation: f.designation, format: f.format, codes: f.codes, page: f.page, note: f.note,
    })),
  };
}

function explainText(l: LayoutSpec, c: ReturnType<typeof colorFor>): string {
  const lines: string[] = [];
  lines.push(c.bold(`${l.record}  ${l.name}`) + c.dim(`  (layout ${l.layout}, ${l.table === '-' ? 'no field table' : l.table}, p. ${l.page})`));
  const ctx = l.contexts.map((x) => (x === '*' ? 'anywhere' : x)).join(', ');
  lines.push(`  used in: ${ctx}; level ${l.level}${l.role !== '-' ? ` (${l.role}s the ${l.level})` : ''}${l.select ? `; chosen when columns ${l.select.start}-${l.select.end} are ${l.select.values.map((v) => JSON.stringify(v)).join(' or ')}` : ''}`);
  if (l.opaque) {
    lines.push('  this edition carries no field layout for it: it is kept whole as text');
    return lines.join('\n') + '\n';
  }
  lines.push(c.dim('  cols    len  class  M/C/O  id                               element'));
  for (const f of l.fields) {
    const cols = `${f.start}-${f.end}`.padEnd(7);
    const extra = [f.format.startsWith('=') ? `constant ${JSON.stringify(f.format.slice(1))}` : f.format, f.codes ? `codes: ${f.codes}` : ''].filter(Boolean).join('; ');
    lines.push(`  ${cols} ${String(f.width).padStart(3)}  ${f.class.padEnd(5)}  ${f.designation.padEnd(5)}  ${f.hidden ? c.dim(f.id.padEnd(32)) : c.cyan(f.id.padEnd(32))} ${f.element}${extra ? c.dim(`  [${extra}]`) : ''}`);
  }
  return lines.join('\n') + '\n';
}
