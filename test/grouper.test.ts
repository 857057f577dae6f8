/**
 * The grouper's `labels: false` (lint's): the same groups, opened and closed
 * at the same records, only without `label`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decoder } from '../src/decode/decoder.js';
import { Grouper, type Group } from '../src/group/grouper.js';
import { loadSpec } from '../src/node/spec-dir.js';
import { read, SAMPLES } from './helpers.js';

/** Every group opened, as it stands after the input ended. */
function groups(text: Buffer, options?: { labels?: boolean }): Group[] {
  const out: Group[] = [];
  const grouper = new Grouper({ open: (g) => out.push(g), record() {} }, options);
  const decoder = new Decoder({ spec: loadSpec(), fieldsAs: 'none' }, { record: (r) => grouper.push(r) });
  decoder.write(text);
  decoder.end();
  grouper.end();
  return out;
}

describe('Grouper labels', () => {
  it('labels: false gives the same groups without their labels', () => {
    const text = read(join(SAMPLES, 'ae-aphis-entry-summary.abi'));
    const labelled = groups(text);
    const bare = groups(text, { labels: false });
    expect(labelled.some((g) => g.label !== undefined)).toBe(true);
    expect(bare.every((g) => !('label' in g))).toBe(true);
    expect(bare).toEqual(labelled.map(({ label: _, ...g }) => g));
  });
});
