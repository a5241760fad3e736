import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { createLogger } from '../config/logger.js';
import { type Clock, systemClock } from '../deps.js';
import { StoreError } from '../errors.js';
import { type LinkResult, LinkResultSchema } from '../model/link-result.js';
import { computeLinkHistory } from './link-history.js';
import type { ResultStore } from './result-store.js';
import { toStoreError } from './sqlite-errors.js';
import { assertReadableSchema, LATEST_SCHEMA_VERSION, migrateSchema } from './sqlite-migrations.js';

/** How long a write waits for another process's lock before the store reports it busy. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

export interface SqliteStoreOptions {
  /** Stamps `recorded_ms`: when a row was written, as opposed to when its link was checked. */
  clock?: Clock;
  /** Never writes (reports, diagnostics). A missing file reads as an empty store. */
  readonly?: boolean;
  busyTimeoutMs?: number;
  /** Where skipped (unreadable) rows are reported. Default: warnings as JSON on stderr. */
  logger?: Pick<Logger, 'warn'>;
}

interface ResultRow {
  id: number;
  result: string;
}
interface RunRow {
  id: number;
  started_at: string;
  status: string;
  meta: string;
}

function prepareStatements(db: Database.Database) {
  return {
    insertRun: db.prepare(`INSERT INTO runs (started_at, status, meta) VALUES (?, 'running', ?)`),
    finishRun: db.prepare('UPDATE runs SET finished_at = ?, status = ? WHERE id = ?'),
    upsertCheck: db.prepare(
      `INSERT INTO checks (run_id, key, checked_at, checked_ms, kind, from_cache, recorded_ms, result)
       VALUES (@runId, @key, @checkedAt, @checkedMs, @kind, @fromCache, @recordedMs, @result)
       ON CONFLICT (run_id, key) DO UPDATE SET checked_at = excluded.checked_at, checked_ms = excluded.checked_ms,
         kind = excluded.kind, from_cache = excluded.from_cache, recorded_ms = excluded.recorded_ms,
         result = excluded.result`,
    ),
    observedByKey: db.prepare('SELECT id, result FROM checks WHERE key = ? AND from_cache = 0 ORDER BY checked_ms, id'),
    newestObservedByKey: db.prepare(
      'SELECT id, result FROM checks WHERE key = ? AND from_cache = 0 ORDER BY checked_ms DESC, id DESC',
    ),
    resultsInRun: db.prepare('SELECT id, result FROM checks WHERE run_id = ? ORDER BY id'),
    newestRun: db.prepare('SELECT id, started_at, status, meta FROM runs ORDER BY id DESC LIMIT 1'),
  };
}

/**
 * mkdir -p without `{ recursive: true }`: Node 20's recursive mkdir spins forever on some
 * virtual file systems (a path under /proc), and the store must fail, not hang.
 */
function ensureDirectory(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) {
      throw Object.assign(new Error(`${dir} exists and is not a directory`), { code: 'ENOTDIR' });
    }
    return;
  }
  const parent = dirname(dir);
  if (parent !== dir) ensureDirectory(parent);
  mkdirSync(dir);
}

/**
 * Opens (creating on first use) the SQLite results store at `path`, migrated to the latest schema.
 *
 * Durability: WAL journal with `synchronous = NORMAL`. Every `record` is its own transaction,
 * and its commit is written to the WAL before the call returns, so a result survives the
 * process dying at any point (Ctrl-C, kill -9, a crash). What NORMAL gives up against FULL is
 * the fsync per commit: after a power cut or kernel crash the last few results may be rolled
 * back (never corrupted); they are simply checked again next run. FULL would cost an fsync
 * per link checked.
 *
 * Failures become `StoreError`s naming the file: `CC_STORE_CORRUPT` (not a database, damaged),
 * `CC_STORE_UNWRITABLE` (directory or file unwritable, disk full, locked by another run),
 * `CC_STORE_VERSION` (written by a newer citecheck).
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): ResultStore {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger();
  const readonly = options.readonly ?? false;
  const inMemory = path === ':memory:' || (readonly && !existsSync(path));

  const guard = <T>(action: string, operation: () => T): T => {
    try {
      return operation();
    } catch (error) {
      throw toStoreError(error, path, action);
    }
  };

  const { db, statements } = guard('open the store', () => {
    if (!inMemory) ensureDirectory(dirname(path));
    const handle = new Database(inMemory ? ':memory:' : path, { readonly: readonly && !inMemory });
    try {
      handle.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
      if (readonly && !inMemory) {
        if (assertReadableSchema(handle, path) !== LATEST_SCHEMA_VERSION) {
          throw new StoreError(
            'CC_STORE_UNWRITABLE',
            `the results store ${path} has an older schema and was opened read-only; run a check once to upgrade it`,
          );
        }
      } else {
        handle.pragma('journal_mode = WAL');
        handle.pragma('synchronous = NORMAL');
        handle.pragma('foreign_keys = ON');
        migrateSchema(handle, path);
      }
      return { db: handle, statements: prepareStatements(handle) };
    } catch (error) {
      handle.close();
      throw error;
    }
  });

  /** A row that no longer matches `LinkResultSchema` is skipped, loudly: one bad row must not sink a run. */
  const parseRow = (row: ResultRow): LinkResult | null => {
    let parsed: ReturnType<typeof LinkResultSchema.safeParse>;
    try {
      parsed = LinkResultSchema.safeParse(JSON.parse(row.result));
    } catch (error) {
      logger.warn({ store: path, rowId: row.id, err: error }, 'skipping a stored check that is not valid JSON');
      return null;
    }
    if (!parsed.success) {
      logger.warn(
        { store: path, rowId: row.id, issues: parsed.error.issues },
        'skipping a stored check that does not match the schema',
      );
      return null;
    }
    return parsed.data;
  };
  const parseRows = (rows: ResultRow[]): LinkResult[] =>
    rows.flatMap((row) => {
      const result = parseRow(row);
      return result ? [result] : [];
    });
  const resultsInRun = (runId: number): LinkResult[] =>
    guard('read a run', () => parseRows(statements.resultsInRun.all(runId) as ResultRow[]));
  const assertWritable = (action: string): void => {
    if (readonly)
      throw new StoreError('CC_STORE_UNWRITABLE', `cannot ${action}: the results store ${path} is open read-only`);
  };

  return {
    beginRun(startedAt, meta) {
      assertWritable('begin a run');
      return guard('begin a run', () =>
        Number(statements.insertRun.run(startedAt, JSON.stringify(meta)).lastInsertRowid),
      );
    },
    finishRun(runId, finishedAt, status) {
      assertWritable('finish a run');
      const { changes } = guard('finish a run', () => statements.finishRun.run(finishedAt, status, runId));
      if (changes === 0) throw new Error(`result store: no run ${runId}`);
    },
    latest(key) {
      return guard('read a result', () => {
        for (const row of statements.newestObservedByKey.iterate(key) as Iterable<ResultRow>) {
          const result = parseRow(row);
          if (result) return result;
        }
        return null;
      });
    },
    record(runId, result) {
      assertWritable('record a result');
      const valid = LinkResultSchema.parse(result);
      guard('record a result', () =>
        statements.upsertCheck.run({
          runId,
          key: valid.key,
          checkedAt: valid.checkedAt,
          checkedMs: Date.parse(valid.checkedAt),
          kind: valid.verdict.kind,
          fromCache: valid.fromCache ? 1 : 0,
          recordedMs: clock.now(),
          result: JSON.stringify(valid),
        }),
      );
    },
    recordedInRun(runId) {
      return new Set(resultsInRun(runId).map((result) => result.key));
    },
    resultsInRun,
    lastInterruptedRun() {
      const run = guard('read the runs', () => statements.newestRun.get() as RunRow | undefined);
      if (!run || run.status === 'completed') return null;
      let meta: Record<string, unknown> = {};
      try {
        meta = JSON.parse(run.meta) as Record<string, unknown>;
      } catch (error) {
        logger.warn(
          { store: path, runId: run.id, err: error },
          'ignoring the unreadable options of an interrupted run',
        );
      }
      return { runId: run.id, startedAt: run.started_at, meta };
    },
    history(key) {
      return guard('read a history', () =>
        computeLinkHistory(key, parseRows(statements.observedByKey.all(key) as ResultRow[])),
      );
    },
    close() {
      if (db.open) db.close();
    },
  };
}
