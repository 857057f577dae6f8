import { describe, expect, it } from 'vitest';
import { decode } from '../src/api/decode.js';
import { encode } from '../src/api/encode.js';
import { createDecodeSession } from '../src/api/decode.js';
import { read, sampleFiles } from './helpers.js';

function streamed(buf: Buffer, to: 'json' | 'ndjson'): string {
  let out = '';
  const s = createDecodeSession({ to }, { text: (t) => (out += t) });
  s.write(buf);
  s.end();
  return out;
}
const ndjson = (buf: Buffer) => streamed(buf, 'ndjson');
const treeText = (buf: Buffer) => streamed(buf, 'json');

describe('round trips are byte-exact for every sample', () => {
  for (const { name, path } of sampleFiles()) {
    it(name, () => {
      const bytes = read(path);
      // fixed → JSON tree (in memory) → fixed
      const { document } = decode(bytes);
      expect(encode(document).bytes.equals(bytes)).toBe(true);
      // fixed → streamed tree JSON text → fixed, and the streamed text is the same document
      const tree = treeText(bytes);
      expect(JSON.parse(tree)).toEqual(document);
      expect(encode(tree).bytes.equals(bytes)).toBe(true);
      // fixed → NDJSON → fixed
      const nd = ndjson(bytes);
      const back = encode(nd);
      expect(back.issues).toEqual([]);
      expect(back.bytes.equals(bytes)).toBe(true);
      // JSON → fixed → JSON gives the same JSON
      expect(decode(encode(document).bytes).document).toEqual(document);
      expect(ndjson(back.bytes)).toBe(nd);
    });
  }
});
