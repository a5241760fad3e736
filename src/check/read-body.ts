import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HttpTransportError } from '../model/http.js';

export interface ReadBodyResult {
  body: Buffer;
  /** More decoded bytes followed the cap. */
  truncated: boolean;
}

const EMPTY = Buffer.alloc(0);
const ignore = () => {};

function createDecoder(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    case 'identity':
    case '':
      return null;
    default:
      throw new HttpTransportError('DECODE_FAILED', `unsupported content-encoding "${encoding}"`);
  }
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
  let decoders: Transform[];
  try {
    // Encodings are listed in the order applied, so they are undone in reverse.
    const encodings = (contentEncoding ?? '').split(',').map((e) => e.trim().toLowerCase());
    decoders = encodings.reverse().flatMap((e) => createDecoder(e) ?? []);
  } catch (error) {
    raw.destroy();
    throw error;
  }
  const decoderErrors = new WeakSet<object>();
  for (const decoder of decoders) decoder.once('error', (error) => decoderErrors.add(error));
  const last = decoders.at(-1);
  if (last) pipeline([raw, ...decoders], ignore);
  const source: Readable = last ?? raw;

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
  } catch (error) {
    if (error instanceof Object && decoderErrors.has(error)) {
      throw new HttpTransportError('DECODE_FAILED', `could not decode ${contentEncoding} body`, { cause: error });
    }
    throw error;
  } finally {
    if (truncated) raw.destroy();
  }
  return { body: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size), truncated };
}
