/**
 * Bytes ⇄ text. ASCII (the default) and Latin-1 map each byte to one character
 * and back, so any file, however broken, round-trips byte for byte; bytes above
 * 0x7F are kept and reported by lint (X40). UTF-8 and Windows-1252 go through
 * iconv-lite; EBCDIC CP037, which iconv-lite lacks, is a built-in table
 * (generated from Python's cp037 codec; it is a bijection over 0x00-0xFF).
 */
import { createRequire } from 'node:module';
import type Iconv from 'iconv-lite';

let iconvModule: typeof Iconv | undefined;

/**
 * iconv-lite, loaded on first use: ASCII, Latin-1 and CP037 never need it, and
 * loading it is a noticeable part of the command line's start-up.
 */
function iconv(): typeof Iconv {
  return (iconvModule ??= createRequire(import.meta.url)('iconv-lite') as typeof Iconv);
}

export const ENCODINGS = ['ascii', 'latin1', 'utf-8', 'windows-1252', 'cp037'] as const;
export type Encoding = (typeof ENCODINGS)[number];

const ALIASES: Record<string, Encoding> = {
  ascii: 'ascii', 'us-ascii': 'ascii',
  latin1: 'latin1', 'latin-1': 'latin1', 'iso-8859-1': 'latin1', iso88591: 'latin1', binary: 'latin1',
  utf8: 'utf-8', 'utf-8': 'utf-8',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252', win1252: 'windows-1252',
  cp037: 'cp037', ebcdic: 'cp037', 'ibm037': 'cp037', 'ebcdic-cp-us': 'cp037',
};

export function normalizeEncoding(name: string): Encoding | undefined {
  return ALIASES[name.toLowerCase()];
}

const CP037_TO_UNICODE: string = "\u0000\u0001\u0002\u0003\u009c\t\u0086\u007f\u0097\u008d\u008e\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u009d\u0085\b\u0087\u0018\u0019\u0092\u008f\u001c\u001d\u001e\u001f\u0080\u0081\u0082\u0083\u0084\n\u0017\u001b\u0088\u0089\u008a\u008b\u008c\u0005\u0006\u0007\u0090\u0091\u0016\u0093\u0094\u0095\u0096\u0004\u0098\u0099\u009a\u009b\u0014\u0015\u009e\u001a \u00a0\u00e2\u00e4\u00e0\u00e1\u00e3\u00e5\u00e7\u00f1\u00a2.<(+|&\u00e9\u00ea\u00eb\u00e8\u00ed\u00ee\u00ef\u00ec\u00df!$*);\u00ac-/\u00c2\u00c4\u00c0\u00c1\u00c3\u00c5\u00c7\u00d1\u00a6,%_>?\u00f8\u00c9\u00ca\u00cb\u00c8\u00cd\u00ce\u00cf\u00cc`:#@'=\"\u00d8abcdefghi\u00ab\u00bb\u00f0\u00fd\u00fe\u00b1\u00b0jklmnopqr\u00aa\u00ba\u00e6\u00b8\u00c6\u00a4\u00b5~stuvwxyz\u00a1\u00bf\u00d0\u00dd\u00de\u00ae^\u00a3\u00a5\u00b7\u00a9\u00a7\u00b6\u00bc\u00bd\u00be[]\u00af\u00a8\u00b4\u00d7{ABCDEFGHI\u00ad\u00f4\u00f6\u00f2\u00f3\u00f5}JKLMNOPQR\u00b9\u00fb\u00fc\u00f9\u00fa\u00ff\\\u00f7STUVWXYZ\u00b2\u00d4\u00d6\u00d2\u00d3\u00d50123456789\u00b3\u00db\u00dc\u00d9\u00da\u009f";
let unicodeToCp037: Map<number, number> | undefined;

export interface TextDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

export function createTextDecoder(encoding: Encoding): TextDecoder {
  switch (encoding) {
    case 'ascii':
    case 'latin1':
      return { write: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1'), end: () => '' };
    case 'cp037':
      return {
        write(b) {
          let s = '';
          for (let i = 0; i < b.length; i++) s += CP037_TO_UNICODE[b[i]!];
          return s;
        },
        end: () => '',
      };
    default: {
      const d = iconv().getDecoder(encoding, { stripBOM: false });
      return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
    }
  }
}

/** Characters the encoding cannot represent are reported, never replaced. */
export function encodeText(text: string, encoding: Encoding): Buffer | { problem: string; index: number } {
  switch (encoding) {
    case 'ascii':
    case 'latin1': {
      for (let i = 0; i < text.length; i++) {
        if (text.charCodeAt(i) > 0xff) return { problem: `character ${JSON.stringify(text[i])} is not in ${encoding}`, index: i };
      }
      return Buffer.from(text, 'latin1');
    }
    case 'cp037': {
      if (!unicodeToCp037) {
        unicodeToCp037 = new Map();
        for (let i = 0; i < 256; i++) unicodeToCp037.set(CP037_TO_UNICODE.charCodeAt(i), i);
      }
      const out = Buffer.alloc(text.length);
      for (let i = 0; i < text.length; i++) {
        const b = unicodeToCp037.get(text.charCodeAt(i));
        if (b === undefined) return { problem: `character ${JSON.stringify(text[i])} is not in EBCDIC CP037`, index: i };
        out[i] = b;
      }
      return out;
    }
    default: {
      const lib = iconv();
      const out = lib.encode(text, encoding);
      if (encoding === 'windows-1252' && lib.decode(out, encoding) !== text) {
        const i = [...text].findIndex((c) => lib.decode(lib.encode(c, encoding), encoding) !== c);
        return { problem: `character ${JSON.stringify(text[i])} is not in windows-1252`, index: Math.max(i, 0) };
      }
      return out;
    }
  }
}
