import { describe, expect, it } from 'vitest';
import { align, type Alignable } from '../src/diff/align.js';

const el = (kind: string, signature: string, key?: string, positional?: boolean): Alignable & { name: string } => ({
  kind, signature, name: `${kind}:${key ?? signature}`, ...(key !== undefined ? { key } : {}), ...(positional ? { positional } : {}),
});
const names = (pairs: { a?: { name: string }; b?: { name: string } }[]) => pairs.map((p) => `${p.a?.name ?? '-'} | ${p.b?.name ?? '-'}`);

describe('align', () => {
  it('pairs keyed elements whatever their order, and the n-th repeat with the n-th', () => {
    const a = [el('entity', 'x', 'UC'), el('entity', 'y', 'CB'), el('entity', 'z', 'UC')];
    const b = [el('entity', 'y', 'CB'), el('entity', 'x2', 'UC'), el('entity', 'z2', 'UC')];
    expect(names(align(a, b))).toEqual(['entity:UC | entity:UC', 'entity:CB | entity:CB', 'entity:UC | entity:UC']);
    expect(align(a, b).map((p) => [p.a?.signature, p.b?.signature])).toEqual([['x', 'x2'], ['y', 'y'], ['z', 'z2']]);
  });

  it('an insertion among unkeyed elements is one added element, placed after its predecessor', () => {
    const a = [el('PG10', '1'), el('PG10', '2'), el('PG10', '3')];
    const b = [el('PG10', '1'), el('PG10', 'new'), el('PG10', '2'), el('PG10', '3')];
    expect(names(align(a, b))).toEqual(['PG10:1 | PG10:1', '- | PG10:new', 'PG10:2 | PG10:2', 'PG10:3 | PG10:3']);
  });

  it('pairs what is left between anchors by kind; keyed elements only when positional', () => {
    const a = [el('PG05', 'a'), el('group:tariff', '', '0603110030', true), el('group:line', '', '001'), el('PG06', 'b')];
    const b = [el('PG05', 'a2'), el('group:tariff', '', '0603110060', true), el('group:line', '', '002'), el('PG06', 'b')];
    expect(names(align(a, b))).toEqual([
      'PG05:a | PG05:a2',
      'group:tariff:0603110030 | group:tariff:0603110060',
      'group:line:001 | -',
      '- | group:line:002',
      'PG06:b | PG06:b',
    ]);
  });

  it('stays linear when the sequences are too long for the LCS table', () => {
    const a = Array.from({ length: 5000 }, (_, i) => el('X', `a${i}`));
    const b = Array.from({ length: 5000 }, (_, i) => el('X', `b${i}`));
    const started = performance.now();
    const pairs = align(a, b);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(pairs.every((p) => p.a && p.b)).toBe(true);
  });
});
