/**
 * `--format github`: GitHub Actions workflow commands, one annotation per issue
 * (`::error file=…,line=…,col=…,endColumn=…,title=CODE::message`).
 */
import type { LintFileResult } from '../run.js';
import { omittedText } from './text.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubFile(result: LintFileResult): string {
  const omitted = result.omitted ? `::warning file=${property(result.file)},title=catair::${data(omittedText(result))}\n` : '';
  return result.issues.map((i) => {
    const props = [`file=${property(result.file)}`];
    if (i.record > 0) props.push(`line=${i.record}`);
    if (i.record > 0 && i.columns) props.push(`col=${i.columns[0]}`, `endColumn=${i.columns[1]}`);
    props.push(`title=${property(i.code)}`);
    return `::${COMMAND[i.severity]} ${props.join(',')}::${data(i.message)}\n`;
  }).join('') + omitted;
}
