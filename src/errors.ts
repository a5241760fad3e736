/**
 * Run-level faults. A broken link is data, never an exception: throw only when the run
 * itself cannot go on (bad usage, unreadable input, bad config, unusable store or output).
 * Every error carries a stable `code` a user can look up in the README.
 */
export type ErrorCode =
  | 'CC_USAGE'
  | 'CC_INPUT_NOT_FOUND'
  | 'CC_INPUT_UNREADABLE'
  | 'CC_INPUT_BINARY'
  | 'CC_UNKNOWN_FORMAT'
  | 'CC_CONFIG_INVALID'
  | 'CC_STORE_CORRUPT'
  | 'CC_STORE_UNWRITABLE'
  /** The store was written by a newer citecheck (its schema version is unknown here). */
  | 'CC_STORE_VERSION'
  | 'CC_OUTPUT_UNWRITABLE'
  | 'CC_BASELINE_INVALID'
  | 'CC_INTERNAL';

export type ErrorKind = 'usage' | 'input' | 'config' | 'store' | 'output' | 'internal';

export class CitecheckError extends Error {
  override readonly name: string = 'CitecheckError';
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.code = code;
  }
}

export class UsageError extends CitecheckError {
  override readonly name = 'UsageError';
  constructor(message: string, code: ErrorCode = 'CC_USAGE', options?: { cause?: unknown }) {
    super('usage', code, message, options);
  }
}

export class InputError extends CitecheckError {
  override readonly name = 'InputError';
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super('input', code, message, options);
  }
}

export class ConfigError extends CitecheckError {
  override readonly name = 'ConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('config', 'CC_CONFIG_INVALID', message, options);
  }
}

export class StoreError extends CitecheckError {
  override readonly name = 'StoreError';
  constructor(
    code: 'CC_STORE_CORRUPT' | 'CC_STORE_UNWRITABLE' | 'CC_STORE_VERSION',
    message: string,
    options?: { cause?: unknown },
  ) {
    super('store', code, message, options);
  }
}

export class OutputError extends CitecheckError {
  override readonly name = 'OutputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('output', 'CC_OUTPUT_UNWRITABLE', message, options);
  }
}

export function isCitecheckError(value: unknown): value is CitecheckError {
  return value instanceof CitecheckError;
}
