import { pipeline, Readable, type Transform } from 'node:stream';
import {
  brotliDecompressSync,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  gunzipSync,
  inflateSync,
} from 'node:zlib';
import { HttpTransportError } from '../model/http.js';

export interface ReadBodyResult {
  body: Buffer;
  /** More decoded bytes followed the cap. */
  truncated: boolean;
}

/**
 * Encoded bodies up to this size are decoded in one synchronous call once read: a zlib stream
 * per response costs more than the decoding itself for the common small page. Larger bodies
 * (and any that decode past the cap) go through the streaming decoders.
 */
const ONE_SHOT_DECODE_MAX_BYTES = 256 * 1024;

const EMPTY = Buffer.alloc(0);
const ignore = () => {};

interface Decoding {
  stream: () => Transform;
  /** Throws a RangeError when the output would pass `maxOutputLength`. */
  oneShot: (input: Buffer, options: { maxOutputLength: number }) => Buffer;
}

const GZIP: Decoding = { stream: createGunzip, oneShot: gunzipSync };
const DECODINGS: Readonly<Record<string, Decoding>> = {
  gzip: GZIP,
  'x-gzip': GZIP,
  deflate: { stream: createInflate, oneShot: inflateSync },
  br: { stream: createBrotliDecompress, oneShot: brotliDecompressSync },
};

/** The decodings to undo, last applied first; throws on an encoding we cannot undo. */
function decodingsOf(contentEncoding: string | undefined): Decoding[] {
  if (!contentEncoding) return [];
  // Encodings are listed in the order applied, so they are undone in reverse.
  const encodings = (contentEncoding ?? '').split(',').map((e) => e.trim().toLowerCase());
  return encodings.reverse().flatMap((encoding) => {
    if (encoding === '' || encoding === 'identity') return [];
    const decoding = DECODINGS[encoding];
    if (!decoding) throw new HttpTransportError('DECODE_FAILED', `unsupported content-encoding "${encoding}"`);
    return [decoding];
  });
}

/**
 * Reads at most `capBytes` DECODED bytes, then drops the connection's body. The cap applies
 * after decompression, so a small gzip bomb costs no more memory than an honest page.
 */
export async function readBody(
  raw: Readable,
  contentEncoding: string | undefined,
  capBytes: number,
): Promise<ReadBodyResult> {
  // Errors still reach the iterator below; this keeps a late one after destroy() from going uncaught.
  raw.on('error', ignore);
  if (capBytes <= 0) {
    raw.destroy();
    return { body: EMPTY, truncated: false };
  }
  let decodings: Decoding[];
  try {
    decodings = decodingsOf(contentEncoding);
  } catch (error) {
    raw.destroy();
    throw error;
  }
  if (decodings.length === 0) return readCapped(raw, raw, capBytes);

  const chunks: Buffer[] = [];
  let size = 0;
  const rawChunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    const next = await rawChunks.next();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
    if (size > ONE_SHOT_DECODE_MAX_BYTES) {
      // Too big to hold encoded: decode the rest as it comes.
      return decodeStreaming(
        Readable.from(concatIterators(chunks, rawChunks)),
        raw,
        decodings,
        capBytes,
        contentEncoding,
      );
    }
  }
  const encoded = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size);
  try {
    let body = encoded;
    for (const decoding of decodings) body = decoding.oneShot(body, { maxOutputLength: capBytes });
    return { body, truncated: false };
  } catch (error) {
    if (!(error instanceof RangeError)) throw decodeFailed(contentEncoding, error);
    // Past the cap (a bomb, a huge page): the streaming decoders stop at the cap.
    return decodeStreaming(Readable.from([encoded]), raw, decodings, capBytes, contentEncoding);
  }
}

async function* concatIterators(head: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

function decodeFailed(contentEncoding: string | undefined, cause: unknown): HttpTransportError {
  return new HttpTransportError('DECODE_FAILED', `could not decode ${contentEncoding} body`, { cause });
}

async function decodeStreaming(
  encoded: Readable,
  raw: Readable,
  decodings: Decoding[],
  capBytes: number,
  contentEncoding: string | undefined,
): Promise<ReadBodyResult> {
  const decoders = decodings.map((d) => d.stream());
  const decoderErrors = new WeakSet<object>();
  for (const decoder of decoders) decoder.once('error', (error) => decoderErrors.add(error));
  encoded.on('error', ignore);
  pipeline([encoded, ...decoders], ignore);
  try {
    return await readCapped(decoders.at(-1) ?? encoded, raw, capBytes);
  } catch (error) {
    if (error instanceof Object && decoderErrors.has(error)) throw decodeFailed(contentEncoding, error);
    throw error;
  }
}

/** Reads `source` up to `capBytes`; on reaching the cap, drops `raw` (the connection's body). */
async function readCapped(source: Readable, raw: Readable, capBytes: number): Promise<ReadBodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const room = capBytes - size;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += Math.max(room, 0);
        truncated = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    if (truncated) raw.destroy();
  }
  return { body: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size), truncated };
}
