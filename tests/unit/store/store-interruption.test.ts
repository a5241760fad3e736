import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';

const CHILD = join(import.meta.dirname, 'record-loop-child.ts');
const REGISTER_TS = join(import.meta.dirname, '../../helpers/register-ts.mjs');
const CHILD_DEADLINE_MS = 40_000;
const KEY_COUNT = 400;

const root = mkdtempSync(join(tmpdir(), 'citecheck-interrupt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface ChildRun {
  lines: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs the record loop in a child process. `interruptAfter` sends SIGINT once that many results
 * are reported recorded. Killed and rejected after CHILD_DEADLINE_MS, so a hang fails the test.
 */
function runChild(
  args: string[],
  options: { interruptAfter?: number; fileSizeLimitKiB?: number } = {},
): Promise<ChildRun> {
  const node = [process.execPath, '--import', REGISTER_TS, CHILD, ...args];
  const child: ChildProcess =
    options.fileSizeLimitKiB === undefined
      ? spawn(node[0]!, node.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
      : // `ulimit -f` makes writes past the size fail with EFBIG: a full disk, without root tricks.
        spawn('bash', ['-c', `ulimit -f ${options.fileSizeLimitKiB} && exec "$@"`, 'bash', ...node], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let pending = '';
    let recorded = 0;
    let stderr = '';
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not finish in ${CHILD_DEADLINE_MS} ms; stderr: ${stderr}`));
    }, CHILD_DEADLINE_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      const parts = (pending + chunk.toString()).split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('recorded ') && ++recorded === options.interruptAfter) child.kill('SIGINT');
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      if (code !== null && code !== 0 && !lines.some((l) => l.startsWith('error '))) {
        reject(new Error(`child exited with ${code}; stderr: ${stderr}`));
        return;
      }
      resolve({ lines, code, signal });
    });
  });
}

const recordedKeys = (run: ChildRun): string[] =>
  run.lines.filter((l) => l.startsWith('recorded ')).map((l) => l.slice('recorded '.length));

/** Rows per key of one run, read straight from the table: the UNIQUE constraint is not taken on trust. */
function rowsPerKey(path: string, runId: number): Map<string, number> {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT key, count(*) AS n FROM checks WHERE run_id = ? GROUP BY key').all(runId) as Array<{
    key: string;
    n: number;
  }>;
  db.close();
  return new Map(rows.map((row) => [row.key, row.n]));
}

const allKeys = Array.from({ length: KEY_COUNT }, (_, i) => `https://site.test/${i}`);

describe.each(['kill', 'graceful'] as const)('SIGINT in the middle of a run (%s), then a resumed run', (mode) => {
  it(
    'loses no finished result and duplicates none',
    async () => {
      const path = join(root, mode, 'results.db');
      const first = await runChild([path, mode, String(KEY_COUNT), '5', '0'], { interruptAfter: 25 });
      const firstKeys = recordedKeys(first);
      expect(firstKeys.length).toBeGreaterThanOrEqual(25);
      expect(firstKeys.length).toBeLessThan(KEY_COUNT);
      if (mode === 'kill') expect(first.signal).toBe('SIGINT');
      else expect(first.lines.at(-1)).toBe('interrupted');

      const store = openSqliteStore(path, { logger: { warn: () => undefined } });
      const interrupted = store.lastInterruptedRun();
      expect(interrupted).not.toBeNull();
      const runId = interrupted!.runId;
      const stored = store.recordedInRun(runId);
      for (const key of firstKeys) expect(stored.has(key)).toBe(true);
      store.close();

      const second = await runChild([path, mode, String(KEY_COUNT), '0', '0']);
      expect(second.lines[0]).toBe(`run ${runId} resumed ${stored.size}`);
      expect(second.lines.at(-1)).toBe('completed');
      const secondKeys = recordedKeys(second);
      expect(secondKeys.filter((key) => stored.has(key))).toEqual([]);

      const rows = rowsPerKey(path, runId);
      expect([...rows.keys()].sort()).toEqual([...allKeys].sort());
      expect([...rows.values()].every((n) => n === 1)).toBe(true);
      const reopened = openSqliteStore(path, { logger: { warn: () => undefined } });
      expect(reopened.lastInterruptedRun()).toBeNull();
      reopened.close();
    },
    2 * CHILD_DEADLINE_MS + 10_000,
  );
});

describe('a full disk while recording', () => {
  it(
    'stops with CC_STORE_UNWRITABLE and keeps every result recorded before',
    async () => {
      const path = join(root, 'full', 'results.db');
      // Each commit appends a few 4 KiB pages (table and index leaves) to the WAL, so a 512 KiB
      // file limit is reached after some tens of results, well before the 400 the child attempts.
      const run = await runChild([path, 'kill', String(KEY_COUNT), '0', '200'], { fileSizeLimitKiB: 512 });
      expect(run.lines.at(-1)).toMatch(/^error CC_STORE_UNWRITABLE /);
      expect(run.lines.at(-1)).toContain(path);
      const keys = recordedKeys(run);
      expect(keys.length).toBeGreaterThan(5);
      expect(keys.length).toBeLessThan(KEY_COUNT);

      const store = openSqliteStore(path, { logger: { warn: () => undefined } });
      const runId = store.lastInterruptedRun()!.runId;
      expect(store.recordedInRun(runId)).toEqual(new Set(keys));
      store.close();
    },
    CHILD_DEADLINE_MS + 10_000,
  );
});
