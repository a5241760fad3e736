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

/** The connection's side of a body being read: flow control, and dropping the rest. */
export interface BodyTransfer {
  pause(): void;
  resume(): void;
  /** Drops the rest of the body (undici closes the connection). */
  stop(): void;
}

/** Where a read body (or its failure) goes, once. */
export interface BodyOutcome {
  done(result: ReadBodyResult): void;
  fail(error: unknown): void;
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
const NO_DECODINGS: readonly Decoding[] = [];

/** The decodings to undo, last applied first; throws on an encoding we cannot undo. */
function decodingsOf(contentEncoding: string | undefined): readonly Decoding[] {
  if (!contentEncoding) return NO_DECODINGS;
  // Encodings are listed in the order applied, so they are undone in reverse.
  const encodings = contentEncoding.split(',').map((e) => e.trim().toLowerCase());
  return encodings.reverse().flatMap((encoding) => {
    if (encoding === '' || encoding === 'identity') return [];
    const decoding = DECODINGS[encoding];
    if (!decoding) throw new HttpTransportError('DECODE_FAILED', `unsupported content-encoding "${encoding}"`);
    return [decoding];
  });
}

/**
 * Takes a response body chunk by chunk as the connection delivers it and keeps at most
 * `capBytes` DECODED bytes, then stops the transfer. The cap applies after decompression, so
 * a small gzip bomb costs no more memory than an honest page. The common page (plain, or
 * encoded and small) is gathered without any stream; only a large encoded body is piped
 * through streaming decoders, with backpressure on the connection.
 */
export class BodyCollector {
  private chunks: Buffer[] = [];
  private size = 0;
  private settled = false;
  /** The encoded body on its way through the streaming decoders, once it grew too large. */
  private encoded: Readable | null = null;
  /** Why the connection failed while the decoders were streaming: it outranks their echo of it. */
  private sourceFailure: { error: unknown } | null = null;

  private constructor(
    private readonly decodings: readonly Decoding[],
    private readonly contentEncoding: string | undefined,
    private readonly capBytes: number,
    private readonly transfer: BodyTransfer,
    private readonly outcome: BodyOutcome,
  ) {}

  /** Throws `DECODE_FAILED` for an encoding that cannot be undone (nothing read for a cap of 0). */
  static create(
    contentEncoding: string | undefined,
    capBytes: number,
    transfer: BodyTransfer,
    outcome: BodyOutcome,
  ): BodyCollector {
    const decodings = capBytes > 0 ? decodingsOf(contentEncoding) : NO_DECODINGS;
    return new BodyCollector(decodings, contentEncoding, capBytes, transfer, outcome);
  }

  write(chunk: Buffer): void {
    if (this.settled) return;
    if (this.encoded) {
      if (!this.encoded.push(chunk)) this.transfer.pause();
      return;
    }
    if (this.capBytes <= 0) {
      this.stopWith({ body: EMPTY, truncated: false });
      return;
    }
    if (this.decodings.length > 0) {
      this.chunks.push(chunk);
      this.size += chunk.length;
      // Too big to hold encoded: decode the rest as it comes.
      if (this.size > ONE_SHOT_DECODE_MAX_BYTES) this.streamRest();
      return;
    }
    const room = this.capBytes - this.size;
    if (chunk.length > room) {
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.size += Math.max(room, 0);
      this.stopWith({ body: this.gathered(), truncated: true });
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  end(): void {
    if (this.settled) return;
    if (this.encoded) {
      this.encoded.push(null);
      return;
    }
    const body = this.gathered();
    if (this.decodings.length === 0) {
      this.settle({ body, truncated: false });
      return;
    }
    try {
      let decoded = body;
      for (const decoding of this.decodings) decoded = decoding.oneShot(decoded, { maxOutputLength: this.capBytes });
      this.settle({ body: decoded, truncated: false });
    } catch (error) {
      if (!(error instanceof RangeError)) {
        this.settled = true;
        this.outcome.fail(decodeFailed(this.contentEncoding, error));
        return;
      }
      // Past the cap (a bomb, a huge page): the streaming decoders stop at the cap.
      this.decodeStreaming(Readable.from([body]));
    }
  }

  fail(error: unknown): void {
    if (this.settled) return;
    // The streaming decoders see the failure and reject through their pipeline.
    if (this.encoded) {
      this.sourceFailure = { error };
      this.encoded.destroy(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.settled = true;
    this.chunks = [];
    this.outcome.fail(error);
  }

  private gathered(): Buffer {
    const { chunks } = this;
    this.chunks = [];
    return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, this.size);
  }

  private settle(result: ReadBodyResult): void {
    this.settled = true;
    this.outcome.done(result);
  }

  private stopWith(result: ReadBodyResult): void {
    this.settle(result);
    this.transfer.stop();
  }

  private streamRest(): void {
    const { transfer } = this;
    const encoded = new Readable({ read: () => transfer.resume() });
    for (const chunk of this.chunks) encoded.push(chunk);
    this.chunks = [];
    this.encoded = encoded;
    this.decodeStreaming(encoded);
  }

  private decodeStreaming(encoded: Readable): void {
    decodeStreaming(encoded, this.decodings, this.capBytes, this.contentEncoding, this.transfer).then(
      (result) => this.settle(result),
      (error: unknown) => {
        this.settled = true;
        // The pipeline hands the connection's error to the decoders too: report the cause, not DECODE_FAILED.
        this.outcome.fail(this.sourceFailure ? this.sourceFailure.error : error);
      },
    );
  }
}

function decodeFailed(contentEncoding: string | undefined, cause: unknown): HttpTransportError {
  return new HttpTransportError('DECODE_FAILED', `could not decode ${contentEncoding} body`, { cause });
}

async function decodeStreaming(
  encoded: Readable,
  decodings: readonly Decoding[],
  capBytes: number,
  contentEncoding: string | undefined,
  transfer: BodyTransfer,
): Promise<ReadBodyResult> {
  const decoders = decodings.map((d) => d.stream());
  const decoderErrors = new WeakSet<object>();
  for (const decoder of decoders) decoder.once('error', (error) => decoderErrors.add(error));
  encoded.on('error', ignore);
  pipeline([encoded, ...decoders], ignore);
  try {
    return await readCapped(decoders.at(-1) ?? encoded, capBytes, transfer);
  } catch (error) {
    if (error instanceof Object && decoderErrors.has(error)) throw decodeFailed(contentEncoding, error);
    throw error;
  }
}

/** Reads `source` up to `capBytes`; on reaching the cap, stops the transfer. */
async function readCapped(source: Readable, capBytes: number, transfer: BodyTransfer): Promise<ReadBodyResult> {
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
    if (truncated) transfer.stop();
  }
  return { body: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size), truncated };
}
