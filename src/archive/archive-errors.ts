/**
 * Faults of one archive lookup. They never leave `findSnapshots`: each becomes the
 * citation's `lookup-failed` or `lookup-skipped` record (a warning, not a crash).
 */

/** The archive could not answer (HTTP error, transport error, unreadable body). */
export class ArchiveLookupError extends Error {
  override readonly name = 'ArchiveLookupError';
  constructor(
    /** `ARCHIVE_HTTP_<status>`, `ARCHIVE_BLOCKED`, `ARCHIVE_BAD_RESPONSE`, or a transport code. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The run's archive time budget (`--archive-timeout`) cannot cover the next call. */
export class ArchiveBudgetError extends Error {
  override readonly name = 'ArchiveBudgetError';
}

export function isArchiveBudgetError(value: unknown): value is ArchiveBudgetError {
  return value instanceof ArchiveBudgetError;
}

export function isArchiveLookupError(value: unknown): value is ArchiveLookupError {
  return value instanceof ArchiveLookupError;
}
