import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode } from '../src/api/decode.js';
import { encode } from '../src/api/encode.js';
import { createTextDecoder, encodeText } from '../src/read/charset.js';
import { join } from 'node:path';
import { read, SAMPLES } from './helpers.js';

const SAMPLE = read(join(SAMPLES, 'se-cargo-release.abi'));

describe('character encodings of the fixed-width side', () => {
  it('EBCDIC CP037 is a bijection over all 256 bytes', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const text = createTextDecoder('cp037').write(all);
    expect(new Set(text).size).toBe(256);
    expect(encodeText(text, 'cp037')).toEqual(all);
    // Spot checks against the IBM code page: 0xC1 'A', 0xF0 '0', 0x40 space, 0x4A '¢', 0x25 LF.
    expect([text[0xc1], text[0xf0], text[0x40], text[0x4a], text[0x25]]).toEqual(['A', '0', ' ', '¢', '\n']);
  });

  it('an EBCDIC transmission decodes to the same JSON as its ASCII twin and encodes back byte for byte', () => {
    const ebcdic = encodeText(SAMPLE.toString('latin1'), 'cp037') as Buffer;
    expect(ebcdic[0]).toBe(0xc1); // 'A'
    const fromEbcdic = decode(ebcdic, { encoding: 'cp037' });
    const fromAscii = decode(SAMPLE);
    expect(fromEbcdic.document.records).toEqual(fromAscii.document.records);
    expect(fromEbcdic.document.encoding).toBe('cp037');
    expect(encode(fromEbcdic.document, { encoding: 'cp037' }).bytes.equals(ebcdic)).toBe(true);
  });

  it('UTF-8 and Windows-1252 go through iconv-lite; characters an encoding lacks are errors, not replaced', () => {
    const rec = { id: 'PG19', fields: { entityRoleCode: 'UC', entityName: 'JOSÉ MUÑOZ € LTDA' } };
    const utf8 = encode([rec], { encoding: 'utf-8' });
    expect(utf8.issues).toEqual([]);
    expect(utf8.bytes.toString('utf8').slice(25, 42)).toBe('JOSÉ MUÑOZ € LTDA');
    expect(decode(utf8.bytes, { encoding: 'utf-8' }).document.records[0]).toMatchObject({ fields: rec.fields });
    const cp1252 = encode([rec], { encoding: 'windows-1252' });
    expect(iconv.decode(cp1252.bytes, 'windows-1252')).toContain('€');
    const ascii = encode([rec], { encoding: 'ascii' });
    expect(ascii.bytes.length).toBe(0);
    expect(ascii.issues[0]).toMatchObject({ code: 'encode-charset', record: 1, columns: [37, 37] });
  });

  it('ASCII decoding keeps bytes above 0x7F, so any file round-trips', () => {
    const bytes = Buffer.from(SAMPLE);
    bytes[30] = 0xe9;
    bytes[100] = 0x00;
    expect(encode(decode(bytes).document).bytes.equals(bytes)).toBe(true);
  });
});
