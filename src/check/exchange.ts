import type { Dispatcher } from 'undici';
import { HttpTransportError } from '../model/http.js';
import { BodyCollector, type BodyOutcome, type BodyTransfer, type ReadBodyResult } from './read-body.js';

export interface ExchangeResult {
  status: number;
  headers: Record<string, string>;
  headersMs: number;
  body: ReadBodyResult;
}

/**
 * One request as undici's dispatch handler: reports the send (once the headers are written,
 * possibly long after dispatch: a new connection, or an event-loop stall, lies in between),
 * takes the headers, and feeds the body to a capped collector. No body stream and no promise
 * per chunk: only `response` settles, once.
 */
export class Exchange implements Dispatcher.DispatchHandler, BodyTransfer, BodyOutcome {
  readonly response: Promise<ExchangeResult>;
  timedOut = false;
  private resolve!: (result: ExchangeResult) => void;
  private reject!: (error: unknown) => void;
  private controller: Dispatcher.DispatchController | null = null;
  /** An abort that came before the request reached a socket; undici gets it on `onRequestStart`. */
  private pendingAbort: Error | null = null;
  private status = 0;
  private headers: Record<string, string> = {};
  private headersMs = 0;
  private collector: BodyCollector | null = null;

  constructor(
    private readonly onSent: (() => void) | undefined,
    private readonly capBytes: number,
    readonly startMs: number,
  ) {
    this.response = new Promise<ExchangeResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  abort(reason: unknown): void {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    if (this.controller) this.controller.abort(error);
    else this.pendingAbort ??= error;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.pendingAbort) {
      controller.abort(this.pendingAbort);
      return;
    }
    this.controller = controller;
    // undici writes the headers right after this returns, in the same synchronous run; the
    // microtask reports the send once that write is done. Reported before it, a preemption or
    // GC pause between the two (seen up to 14 ms under load) sent the host's next request early.
    if (this.onSent) queueMicrotask(() => this.reportSent());
  }

  /** A throwing `onSent` fails this request, not the whole process (a microtask has no caller). */
  private reportSent(): void {
    try {
      this.onSent?.();
    } catch (error) {
      this.abort(error);
    }
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // 1xx: informational, the real answer follows
    this.status = statusCode;
    this.headersMs = Date.now();
    this.headers = flattenHeaders(headers);
    try {
      this.collector = BodyCollector.create(this.headers['content-encoding'], this.capBytes, this, this);
    } catch (error) {
      controller.abort(error instanceof Error ? error : new Error(String(error)));
    }
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.collector?.write(chunk);
  }

  onResponseEnd(): void {
    this.collector?.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.collector) this.collector.fail(error);
    else this.reject(error);
  }

  // BodyTransfer: flow control of the body on its connection.
  pause(): void {
    this.controller?.pause();
  }
  resume(): void {
    this.controller?.resume();
  }
  stop(): void {
    this.controller?.abort(new HttpTransportError('BODY_CAPPED', 'body read up to its cap'));
  }

  // BodyOutcome
  done(body: ReadBodyResult): void {
    // undici hands a finished socket back to its pool one event-loop turn later. Settling
    // after that turn means the caller's next request to this origin finds the socket free,
    // instead of a new connection whose set-up delay would let a later request overtake it.
    setImmediate(this.resolve, { status: this.status, headers: this.headers, headersMs: this.headersMs, body });
  }
  fail(error: unknown): void {
    this.reject(error);
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue;
    const value = raw[name];
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
