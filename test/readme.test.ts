import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

// The README shows these runs; keep them true.
describe('README examples', () => {
  it('lint of samples/invalid/aphis-errors.abi finds the two planted errors', async () => {
    const r = await runCli(['lint', 'samples/invalid/aphis-errors.abi', '--format', 'json']);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout).files[0].issues.map((i: { code: string; record: number }) => `${i.code}@${i.record}`);
    expect(issues).toEqual(['aphis-entity-missing@8', 'aphis-cut-flower-unit@52']);
  });

  it('the quick-start sample converts cleanly', async () => {
    const r = await runCli(['convert', 'samples/ae-aphis-entry-summary.abi']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).records[0].group).toBe('batch');
  });
});
