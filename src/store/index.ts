export { computeLinkHistory } from './link-history.js';
export { createMemoryStore } from './memory-store.js';
export type { LinkHistory, ResultStore } from './result-store.js';
export { beginOrResumeRun, type RunHandle } from './resume-run.js';
export { LATEST_SCHEMA_VERSION } from './sqlite-migrations.js';
export { DEFAULT_BUSY_TIMEOUT_MS, openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
