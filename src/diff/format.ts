/** The two report forms behind one interface, so the CLI and `diff()` stream changes the same way. */
import type { DiffChange, DiffSummary } from './change.js';
import { JsonFormatter } from './format-json.js';
import { TextFormatter, type TextStyle } from './format-text.js';

export type DiffFormat = 'text' | 'json';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'json'];

export interface Formatter {
  change(change: DiffChange): void;
  end(summary: DiffSummary): void;
}

export function createFormatter(format: DiffFormat, write: (text: string) => void, style?: TextStyle): Formatter {
  return format === 'json' ? new JsonFormatter(write) : new TextFormatter(write, style);
}
