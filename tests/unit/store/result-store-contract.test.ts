import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { describeResultStoreContract } from './result-store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'citecheck-contract-'));
let counter = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeResultStoreContract('memory store', () => createMemoryStore());
// A fresh file per test, in a directory that does not exist yet: the store must create it.
describeResultStoreContract('sqlite store', () => openSqliteStore(join(dir, `nested/${++counter}/results.db`)));
