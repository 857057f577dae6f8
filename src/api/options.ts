/**
 * Options are normalized once, here, at the library boundary (STYLE §9).
 * Defaults: the shipped spec edition, ASCII (byte-transparent), the application
 * named by the input's own A/B records.
 */
import { normalizeEncoding, ENCODINGS, type Encoding } from '../read/charset.js';
import type { Eol } from '../read/split.js';
import type { Spec } from '../spec/types.js';
import { loadSpec } from '../node/spec-dir.js';

export interface CommonOptions {
  /** A loaded spec, or the path of a spec folder. Default: the shipped edition. */
  spec?: Spec | string;
  /** Character encoding of the fixed-width side. Default `ascii`. */
  encoding?: Encoding | string;
  /** Application to assume for records outside any A/B envelope (`AE`, `SE`, ...). */
  app?: string;
}

export interface Normalized {
  spec: Spec;
  encoding: Encoding;
  app?: string;
}

export class OptionError extends Error {
  override name = 'OptionError';
}

export function normalize(options: CommonOptions = {}): Normalized {
  const spec = typeof options.spec === 'object' ? options.spec : loadSpec(options.spec);
  const encoding = normalizeEncoding(options.encoding ?? 'ascii');
  if (!encoding) throw new OptionError(`unknown encoding ${JSON.stringify(options.encoding)}; use one of ${ENCODINGS.join(', ')}`);
  let app: string | undefined;
  if (options.app !== undefined) {
    app = options.app.toUpperCase();
    if (!spec.applications.has(app)) throw new OptionError(`unknown application ${JSON.stringify(options.app)}; see applications.tsv in the spec`);
  }
  return { spec, encoding, ...(app ? { app } : {}) };
}

export function normalizeEol(eol: string | undefined): Eol | undefined {
  if (eol === undefined) return undefined;
  if (eol === 'lf' || eol === 'crlf' || eol === 'cr' || eol === 'none') return eol;
  throw new OptionError(`unknown line ending ${JSON.stringify(eol)}; use lf, crlf, cr or none`);
}
