import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isCitecheckError, type StoreError } from '../../../src/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/store/sqlite-migrations.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { isoAt, makeResult } from './make-result.js';

const root = mkdtempSync(join(tmpdir(), 'citecheck-sqlite-'));
let counter = 0;
const freshPath = (): string => join(root, `${++counter}`, 'results.db');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const quiet = { warn: () => undefined };

/** Runs `operation` and returns the StoreError it threw (failing the test if it threw anything else). */
function storeErrorOf(operation: () => unknown): StoreError {
  try {
    operation();
  } catch (error) {
    if (isCitecheckError(error) && error.kind === 'store') return error as StoreError;
    throw error;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

describe('openSqliteStore: files and durability', () => {
  it('creates the file on first use, in WAL mode, and keeps results across reopen', () => {
    const path = freshPath();
    const store = openSqliteStore(path, { logger: quiet });
    const run = store.beginRun(isoAt(0), {});
    store.record(run, makeResult('https://a.test/', 'broken', isoAt(0)));
    // Read through a second connection before closing: the write is committed, not buffered.
    const peek = new Database(path, { readonly: true });
    expect(peek.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(peek.prepare('SELECT count(*) AS n FROM checks').get()).toEqual({ n: 1 });
    peek.close();
    store.close();

    const reopened = openSqliteStore(path, { logger: quiet });
    expect(reopened.latest('https://a.test/')?.verdict.kind).toBe('broken');
    reopened.close();
  });

  it('stamps when each row was recorded with the injected clock', () => {
    const path = freshPath();
    const store = openSqliteStore(path, { logger: quiet, clock: { now: () => 1234 } });
    store.record(store.beginRun(isoAt(0), {}), makeResult('https://a.test/', 'alive', isoAt(0)));
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT recorded_ms FROM checks').get()).toEqual({ recorded_ms: 1234 });
    db.close();
  });
});

describe('openSqliteStore: damaged stores', () => {
  it('refuses a file that is not a database, naming it and the ways out', () => {
    const path = freshPath();
    openSqliteStore(path, { logger: quiet }).close();
    writeFileSync(path, 'this is not a database, just some text that happens to be here\n'.repeat(100));
    rmSync(`${path}-wal`, { force: true });
    const error = storeErrorOf(() => openSqliteStore(path, { logger: quiet }));
    expect(error.code).toBe('CC_STORE_CORRUPT');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/move it away/);
    expect(error.message).toMatch(/CITECHECK_STORE/);
    // Refusing must not "repair" the file by overwriting it.
    expect(readFileSync(path, 'utf8')).toMatch(/^this is not a database/);
  });

  it('reports damage inside the tables as CC_STORE_CORRUPT, not a crash', () => {
    const path = freshPath();
    const store = openSqliteStore(path, { logger: quiet });
    const run = store.beginRun(isoAt(0), {});
    for (let i = 0; i < 400; i++) store.record(run, makeResult(`https://a.test/${i}`, 'alive', isoAt(0)));
    store.close();
    // Overwrite every page but the first (the header and schema) with garbage.
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    expect(bytes.length).toBeGreaterThan(4 * pageSize);
    bytes.fill(0xa5, pageSize);
    writeFileSync(path, bytes);

    const error = storeErrorOf(() => {
      const damaged = openSqliteStore(path, { logger: quiet });
      damaged.history('https://a.test/7');
      damaged.resultsInRun(run);
    });
    expect(error.code).toBe('CC_STORE_CORRUPT');
    expect(error.message).toContain(path);
  });

  it('refuses a SQLite database that is not a citecheck store, leaving it untouched', () => {
    const path = freshPath();
    openSqliteStore(path, { logger: quiet }).close();
    rmSync(path);
    const other = new Database(path);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    expect(storeErrorOf(() => openSqliteStore(path, { logger: quiet })).code).toBe('CC_STORE_CORRUPT');
    const check = new Database(path, { readonly: true });
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'runs'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('skips a row that no longer matches the schema with a warning, and serves the next valid one', () => {
    const path = freshPath();
    const store = openSqliteStore(path, { logger: quiet });
    const run = store.beginRun(isoAt(0), {});
    store.record(run, makeResult('https://a.test/', 'broken', isoAt(0)));
    store.record(run, makeResult('https://b.test/', 'alive', isoAt(0)));
    const later = store.beginRun(isoAt(1), {});
    store.record(later, makeResult('https://a.test/', 'alive', isoAt(1)));
    store.record(later, makeResult('https://b.test/', 'alive', isoAt(1)));
    store.close();
    const raw = new Database(path);
    raw.prepare("UPDATE checks SET result = '{\"key\": 42}' WHERE run_id = ? AND key = 'https://a.test/'").run(later);
    raw.prepare("UPDATE checks SET result = 'not json' WHERE run_id = ? AND key = 'https://b.test/'").run(later);
    raw.close();

    const warn = vi.fn();
    const reopened = openSqliteStore(path, { logger: { warn } });
    expect(reopened.latest('https://a.test/')?.verdict.kind).toBe('broken');
    expect(reopened.history('https://a.test/')).toMatchObject({ checks: 1, consecutiveFailures: 1 });
    // The unreadable key counts as not done, so a resumed run checks it again and replaces the row.
    expect(reopened.recordedInRun(later)).toEqual(new Set());
    expect(warn).toHaveBeenCalled();
    expect(warn.mock.calls[0]?.[0]).toMatchObject({ store: path });
    reopened.close();
  });
});

describe('openSqliteStore: unwritable stores', () => {
  // Tests run as root, and root ignores permission bits, so chmod cannot make a directory
  // unwritable here. These paths are refused by the kernel whatever the user.
  it('refuses a store path under a regular file (ENOTDIR)', () => {
    const file = join(root, `plain-file-${++counter}`);
    writeFileSync(file, 'x');
    const error = storeErrorOf(() => openSqliteStore(join(file, 'sub', 'results.db'), { logger: quiet }));
    expect(error.code).toBe('CC_STORE_UNWRITABLE');
    expect(error.message).toContain(join(file, 'sub', 'results.db'));
    expect(error.message).toMatch(/ENOTDIR/);
  });

  it('refuses a directory in which no file can be created (/proc/self)', () => {
    const error = storeErrorOf(() => openSqliteStore('/proc/self/citecheck-results.db', { logger: quiet }));
    expect(error.code).toBe('CC_STORE_UNWRITABLE');
  });

  it('refuses, without hanging, a directory that cannot be created (/proc/self/x)', () => {
    // Node 20's mkdir({ recursive: true }) loops forever here; the store must fail instead.
    const error = storeErrorOf(() => openSqliteStore('/proc/self/citecheck/results.db', { logger: quiet }));
    expect(error.code).toBe('CC_STORE_UNWRITABLE');
  });

  it('reports a store locked by another run as unwritable, after the busy timeout, keeping earlier results', () => {
    const path = freshPath();
    const store = openSqliteStore(path, { logger: quiet, busyTimeoutMs: 50 });
    const run = store.beginRun(isoAt(0), {});
    store.record(run, makeResult('https://a.test/1', 'alive', isoAt(0)));
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    const error = storeErrorOf(() => store.record(run, makeResult('https://a.test/2', 'alive', isoAt(0))));
    expect(error.code).toBe('CC_STORE_UNWRITABLE');
    expect(error.message).toMatch(/another citecheck run/);
    other.exec('ROLLBACK');
    other.close();
    expect(store.recordedInRun(run)).toEqual(new Set(['https://a.test/1']));
    store.close();
  });
});

describe('openSqliteStore: read-only', () => {
  it('reads a missing store as empty without creating it, and refuses writes', () => {
    const path = freshPath();
    const store = openSqliteStore(path, { logger: quiet, readonly: true });
    expect(store.history('https://a.test/').checks).toBe(0);
    expect(storeErrorOf(() => store.beginRun(isoAt(0), {})).code).toBe('CC_STORE_UNWRITABLE');
    store.close();
    expect(() => readFileSync(path)).toThrow();
  });

  it('reads an existing store', () => {
    const path = freshPath();
    const writer = openSqliteStore(path, { logger: quiet });
    writer.record(writer.beginRun(isoAt(0), {}), makeResult('https://a.test/', 'soft-404', isoAt(0)));
    writer.close();
    const reader = openSqliteStore(path, { logger: quiet, readonly: true });
    expect(reader.latest('https://a.test/')?.verdict.kind).toBe('soft-404');
    expect(storeErrorOf(() => reader.record(1, makeResult('https://b.test/', 'alive', isoAt(0)))).code).toBe(
      'CC_STORE_UNWRITABLE',
    );
    reader.close();
  });
});

describe('openSqliteStore: schema migrations', () => {
  it('migrates a store from every older version to the latest, keeping its rows', () => {
    for (let version = 1; version < LATEST_SCHEMA_VERSION; version++) {
      const path = freshPath();
      openSqliteStore(path, { logger: quiet }).close();
      rmSync(path);
      rmSync(`${path}-wal`, { force: true });
      const old = new Database(path);
      for (const migration of MIGRATIONS.slice(0, version)) old.exec(migration.sql);
      old.pragma(`user_version = ${version}`);
      const result = makeResult('https://a.test/', 'broken', isoAt(0));
      old.prepare("INSERT INTO runs (started_at, status, meta) VALUES (?, 'completed', '{}')").run(isoAt(0));
      old
        .prepare(
          `INSERT INTO checks (run_id, key, checked_at, checked_ms, kind, from_cache, recorded_ms, result)
           VALUES (1, ?, ?, ?, 'broken', 0, 0, ?)`,
        )
        .run(result.key, result.checkedAt, Date.parse(result.checkedAt), JSON.stringify(result));
      old.close();

      const store = openSqliteStore(path, { logger: quiet });
      expect(store.latest('https://a.test/')).toEqual(result);
      store.close();
      const check = new Database(path, { readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'checks_by_key_time'").get()).toBeDefined();
      check.close();
    }
  });

  it('refuses a store written by a newer citecheck, without touching it', () => {
    const path = freshPath();
    openSqliteStore(path, { logger: quiet }).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const error = storeErrorOf(() => openSqliteStore(path, { logger: quiet }));
    expect(error.code).toBe('CC_STORE_VERSION');
    expect(error.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 5}`);
    expect(error.message).toMatch(/upgrade citecheck/);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    check.close();
  });
});
