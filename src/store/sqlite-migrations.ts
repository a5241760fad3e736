import type Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { OTHER_STORE_HINT } from './sqlite-errors.js';

export interface Migration {
  version: number;
  /** Why the schema changed, for whoever reads the next migration. */
  description: string;
  sql: string;
}

/**
 * The store's schema, as numbered steps applied in order. The version lives in SQLite's
 * `user_version` header field, so it changes in the same transaction as the tables.
 * Append new steps; never edit a released one.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs and the checks recorded in them, one per run and link key',
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
        meta TEXT NOT NULL
      );
      CREATE TABLE checks (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id),
        key TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        checked_ms INTEGER NOT NULL,
        kind TEXT NOT NULL,
        from_cache INTEGER NOT NULL,
        recorded_ms INTEGER NOT NULL,
        result TEXT NOT NULL,
        UNIQUE (run_id, key)
      );`,
  },
  {
    version: 2,
    description: 'latest() and history() look one key up across all runs: index it by key and check time',
    sql: 'CREATE INDEX checks_by_key_time ON checks (key, checked_ms, id);',
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses what this build cannot read: a newer schema, or a SQLite file that is not a citecheck store. */
export function assertReadableSchema(db: Database.Database, path: string): number {
  const version = readSchemaVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'CC_STORE_VERSION',
      `the results store ${path} was written by a newer citecheck (schema version ${version}; this one knows up to ` +
        `${LATEST_SCHEMA_VERSION}); upgrade citecheck, or ${OTHER_STORE_HINT}`,
    );
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as {
      n: number;
    };
    if (tables.n > 0) {
      throw new StoreError(
        'CC_STORE_CORRUPT',
        `${path} is a SQLite database but not a citecheck results store; ${OTHER_STORE_HINT}`,
      );
    }
  }
  return version;
}

/**
 * Brings the schema up to `targetVersion` (default: the latest), all pending steps in one IMMEDIATE
 * transaction so two processes opening the same new store cannot both migrate it. The version
 * is written even when nothing is pending: that write doubles as the check that the store is
 * writable, at open rather than at the first result.
 */
export function migrateSchema(db: Database.Database, path: string, targetVersion = LATEST_SCHEMA_VERSION): void {
  db.transaction(() => {
    const current = assertReadableSchema(db, path);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > targetVersion) continue;
      db.exec(migration.sql);
    }
    db.pragma(`user_version = ${Math.max(current, targetVersion)}`);
  }).immediate();
}
