/**
 * The HTTP client every stage that reads the web uses (check, archive, verify).
 * Implemented over undici by `createHttpClient` in `src/check/`; it enforces the address
 * guard, body and header caps, decoding and timeouts. Redirects are NOT followed: callers
 * follow them by hand so each hop is recorded and scheduled against its own host.
 */
export interface HttpRequest {
  url: string;
  method: 'HEAD' | 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Read at most this many decoded bytes of the body; 0 or undefined on HEAD. */
  maxBodyBytes?: number;
  signal?: AbortSignal;
  /** Called once, when the request's headers are written to the socket (not on a failed connect). */
  onSent?: () => void;
}

export interface HttpResponse {
  url: string;
  status: number;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decoded body up to the cap (empty for HEAD). */
  body: Buffer;
  /** True when the body was cut at `maxBodyBytes`. */
  truncated: boolean;
  /** The remote address actually connected to. */
  remoteAddress: string | null;
  timings: { startMs: number; headersMs: number; endMs: number };
}

/** Transport failures come back as this error, with a stable code. */
export class HttpTransportError extends Error {
  override readonly name = 'HttpTransportError';
  constructor(
    /** e.g. ENOTFOUND, EAI_AGAIN, ECONNREFUSED, ECONNRESET, CERT_HAS_EXPIRED, UND_ERR_CONNECT_TIMEOUT,
     * UND_ERR_HEADERS_TIMEOUT, UND_ERR_BODY_TIMEOUT, TOTAL_TIMEOUT, ADDRESS_REFUSED, BODY_TOO_LARGE,
     * DECODE_FAILED, UNSUPPORTED_SCHEME, ENETUNREACH, EHOSTUNREACH */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}
