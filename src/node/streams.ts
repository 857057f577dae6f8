/**
 * Node stream adapters over the core (STYLE §3): a Transform from bytes to
 * JSON records, one from JSON records to bytes, and an async iterable.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createDecodeSession } from '../api/decode.js';
import { createEncodeSession, type EncodeOptions } from '../api/encode.js';
import type { CommonOptions } from '../api/options.js';
import type { Issue } from '../issues/issue.js';
import type { JsonRecord } from '../model/json.js';

/** Bytes in, JSON records (with `path`) out, in object mode. Issues are emitted as `issue` events. */
export function createDecoder(options: CommonOptions = {}): Transform {
  let session: ReturnType<typeof createDecodeSession>;
  const t = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer | string, _enc, cb: TransformCallback) {
      try {
        session.write(chunk);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb) {
      try {
        session.end();
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
  session = createDecodeSession({ ...options, to: 'none' }, {
    record(json, _raw, path) {
      json.path = Object.fromEntries(path.map((g) => [g.level, g.label ?? String(g.index)]));
      t.push(json);
    },
    issue: (i: Issue) => t.emit('issue', i),
  });
  return t;
}

/** JSON records in (object mode), fixed-width bytes out. Records that cannot be written are `issue` events. */
export function createEncoder(options: EncodeOptions = {}): Transform {
  let n = 0;
  let session: ReturnType<typeof createEncodeSession>;
  const t = new Transform({
    writableObjectMode: true,
    transform(record: JsonRecord, _enc, cb) {
      try {
        session.writeRecord(record, `record ${++n}`);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
  session = createEncodeSession(options, { data: (b) => t.push(b), issue: (i) => t.emit('issue', i) });
  return t;
}

/** Decodes an async iterable of byte chunks (a file stream, stdin) into JSON records. */
export async function* decodeRecords(source: AsyncIterable<Uint8Array | string>, options: CommonOptions = {}): AsyncGenerator<JsonRecord> {
  const queue: JsonRecord[] = [];
  const session = createDecodeSession({ ...options, to: 'none' }, {
    record(json, _raw, path) {
      json.path = Object.fromEntries(path.map((g) => [g.level, g.label ?? String(g.index)]));
      queue.push(json);
    },
  });
  for await (const chunk of source) {
    session.write(chunk);
    while (queue.length) yield queue.shift()!;
  }
  session.end();
  while (queue.length) yield queue.shift()!;
}
