import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from '../../../src/config/env-vars.js';
import { listConfigKeys } from '../../../src/config/schema-keys.js';
import { ConfigSchema } from '../../../src/model/config.js';

const DOC_PATH = join(import.meta.dirname, '../../../docs/config.md');
const NO_VALUE = '—';

/** The reference tables of docs/config.md: first cell `key`, then default, environment, flag, meaning (no `|` inside a cell). */
function readDocRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of readFileSync(DOC_PATH, 'utf8').split('\n')) {
    const match = /^\| `([^`]+)` \|(.*)\|$/.exec(line);
    if (match)
      rows.set(
        match[1]!,
        match[2]!.split('|').map((cell) => cell.trim()),
      );
  }
  return rows;
}

function defaultAt(path: string): unknown {
  let value: unknown = ConfigSchema.parse({});
  for (const segment of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[segment];
  return value;
}

describe('docs/config.md', () => {
  const rows = readDocRows();
  const keys = listConfigKeys();

  it('finds the schema keys (the walk itself works)', () => {
    expect(keys).toContain('check.concurrency');
    expect(keys).toContain('check.hosts.*.intervalMs');
    expect(keys).toContain('report.confirmDays');
  });

  it.each(keys)('documents %s with the default the schema computes', (key) => {
    const row = rows.get(key);
    expect(row, `add a row for \`${key}\` to docs/config.md`).toBeDefined();
    const expected = defaultAt(key);
    expect(row![0], `the default of ${key} in docs/config.md`).toBe(
      key.includes('*') || expected === undefined ? NO_VALUE : `\`${JSON.stringify(expected)}\``,
    );
  });

  it('documents no key the schema does not have', () => {
    expect([...rows.keys()].filter((key) => !keys.includes(key))).toEqual([]);
  });

  it.each(ENV_VARS.map((v) => [v.name, v.path] as const))('lists %s in the row of %s', (name, path) => {
    expect(rows.get(path)?.[1]).toBe(`\`${name}\``);
  });

  it('names an environment variable only where the loader reads it', () => {
    const documented = [...rows.entries()].filter(([, cells]) => cells[1] !== '');
    expect(documented.map(([key, cells]) => [key, cells[1]]).sort()).toEqual(
      ENV_VARS.map((v) => [v.path, `\`${v.name}\``]).sort(),
    );
  });
});
