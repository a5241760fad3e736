import { StoreError } from '../errors.js';

/** How a user points citecheck at another store; the one place to update when the CLI grows a flag for it. */
export const OTHER_STORE_HINT =
  'choose another file with --store <path> (or CITECHECK_STORE, "storePath" in citecheck.config.json), ' +
  'or run without one with --no-store';

/** SQLite says the file is not (or no longer) a database it can read. */
const CORRUPT_CODE = /^SQLITE_(NOTADB|CORRUPT)/;
/** SQLite or the file system refuses a write: permissions, read-only or full disk, a lock held too long. */
const UNWRITABLE_CODE =
  /^(SQLITE_(READONLY|CANTOPEN|FULL|IOERR|PERM|BUSY|LOCKED)|EACCES|EPERM|EROFS|ENOTDIR|ENOSPC|EFBIG|EISDIR|ENOENT|EEXIST)/;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function detailOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * Turns a SQLite or file-system failure on the store into the `StoreError` a user can act on,
 * naming the file and the ways out. Anything else (a bug, a misuse) is returned unchanged.
 */
export function toStoreError(error: unknown, path: string, action: string): unknown {
  if (error instanceof StoreError) return error;
  const code = codeOf(error);
  if (CORRUPT_CODE.test(code)) {
    return new StoreError(
      'CC_STORE_CORRUPT',
      `the results store ${path} is damaged or not a citecheck store (${detailOf(error)}) while trying to ${action}; ` +
        `move it away (for example \`mv ${path} ${path}.broken\`) to start a fresh one, or ${OTHER_STORE_HINT}`,
      { cause: error },
    );
  }
  if (UNWRITABLE_CODE.test(code)) {
    const hint = /BUSY|LOCKED/.test(code)
      ? `another citecheck run may be using it; wait for it to finish, or ${OTHER_STORE_HINT}`
      : `check that its directory exists, is writable and has free space, or ${OTHER_STORE_HINT}`;
    return new StoreError(
      'CC_STORE_UNWRITABLE',
      `cannot ${action} in the results store ${path} (${detailOf(error)}); ${hint}`,
      {
        cause: error,
      },
    );
  }
  return error;
}
