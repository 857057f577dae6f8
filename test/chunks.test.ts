/**
 * Chunk boundaries (STYLE §11): every sample, split in two at every offset and
 * fed in random small slices, gives the same records and issues as whole, in
 * every output form and with every line ending.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecodeSession } from '../src/api/decode.js';
import type { Issue } from '../src/issues/issue.js';
import { read, sampleFiles } from './helpers.js';
import { runs } from './fast-check.js';

interface Outcome {
  ndjson: string;
  tree: string;
  issues: Issue[];
}

function decodeChunks(chunks: Uint8Array[]): Outcome {
  const nd: Buffer[] = [];
  let tree = '';
  const issues: Issue[] = [];
  const a = createDecodeSession({ to: 'ndjson' }, { data: (b) => nd.push(Buffer.from(b)), issue: (i) => issues.push(i) });
  const b = createDecodeSession({ to: 'json' }, { text: (t) => (tree += t) });
  for (const c of chunks) {
    a.write(c);
    b.write(c);
  }
  a.end();
  b.end();
  return { ndjson: Buffer.concat(nd).toString('utf8'), tree, issues };
}

/** The sample with its line ends rewritten, so the splitter's CR, CRLF and fixed-width paths are cut too. */
function variants(bytes: Buffer): [string, Buffer][] {
  const text = bytes.toString('latin1');
  return [
    ['lf', bytes],
    ['crlf', Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1')],
    ['cr', Buffer.from(text.replace(/\n/g, '\r'), 'latin1')],
    ['none', Buffer.from(text.replace(/\n/g, ''), 'latin1')],
  ];
}

describe('a sample split in two at every offset decodes as whole', () => {
  for (const { name, path } of sampleFiles()) {
    it(name, () => {
      const bytes = read(path);
      const whole = decodeChunks([bytes]);
      for (let at = 0; at <= bytes.length; at++) {
        const split = decodeChunks([bytes.subarray(0, at), bytes.subarray(at)]);
        if (split.ndjson !== whole.ndjson || split.tree !== whole.tree) throw new Error(`${name}: output differs when split at byte ${at}`);
        expect(split.issues, `split at byte ${at}`).toEqual(whole.issues);
      }
    });
  }
});

describe('a sample fed in random small slices decodes as whole', () => {
  for (const { name, path } of sampleFiles()) {
    it(name, () => {
      for (const [eol, bytes] of variants(read(path))) {
        const whole = decodeChunks([bytes]);
        fc.assert(
          fc.property(fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 64 }), (sizes) => {
            const chunks: Uint8Array[] = [];
            for (let at = 0, k = 0; at < bytes.length; k++) {
              const n = sizes[k % sizes.length]!;
              chunks.push(bytes.subarray(at, at + n));
              at += n;
            }
            const sliced = decodeChunks(chunks);
            expect(sliced.ndjson, eol).toBe(whole.ndjson);
            expect(sliced.tree, eol).toBe(whole.tree);
            expect(sliced.issues, eol).toEqual(whole.issues);
          }),
          { numRuns: runs(15) },
        );
      }
    });
  }
});

describe('a sample given as text decodes as the same sample given as bytes', () => {
  // ASCII bytes are read in place (DecodedRecord.codes); text goes through its character codes.
  const viaText = (text: string, to: 'ndjson' | 'json') => {
    let out = '';
    const s = createDecodeSession({ to }, { text: (t) => (out += t) });
    s.write(text);
    s.end();
    return out;
  };
  for (const { name, path } of sampleFiles()) {
    it(name, () => {
      for (const [eol, bytes] of variants(read(path))) {
        const whole = decodeChunks([bytes]);
        expect(viaText(bytes.toString('latin1'), 'ndjson'), eol).toBe(whole.ndjson);
        expect(viaText(bytes.toString('latin1'), 'json'), eol).toBe(whole.tree);
      }
    });
  }
});
