import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prettyJsonPieces, writeJson, writeJsonFile } from '../../../src/cli/write-json.js';
import { OutputError } from '../../../src/errors.js';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** A writable that takes `highWaterMark` characters before asking the writer to wait. */
function slowSink(highWaterMark: number): { sink: Writable; text: () => string; waits: () => number } {
  const chunks: string[] = [];
  let waits = 0;
  const sink = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      chunks.push(chunk);
      setImmediate(callback);
    },
  });
  sink.on('drain', () => waits++);
  return { sink, text: () => chunks.join(''), waits: () => waits };
}

describe('prettyJsonPieces', () => {
  it('joins to exactly what JSON.stringify(value, null, 2) writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect([...prettyJsonPieces(value)].join('')).toBe(pretty(value));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out undefined and function members of objects and writes them as null in arrays, like JSON.stringify', () => {
    const value = {
      kept: 1,
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 2, { deep: { deeper: { deepest: [1, { a: undefined }] } } }],
      when: new Date(Date.UTC(2020, 0, 2)),
      empty: { list: [], object: {} },
    };
    expect([...prettyJsonPieces(value)].join('')).toBe(pretty(value));
  });

  it('writes a large array member by member, never as one string', () => {
    const results = Array.from({ length: 2000 }, (_, i) => ({
      url: `https://example.org/${i}`,
      verdict: { kind: 'alive' },
    }));
    const pieces = [...prettyJsonPieces({ schemaVersion: 1, results })];
    expect(pieces.join('')).toBe(pretty({ schemaVersion: 1, results }));
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(200);
  });
});

describe('writeJson / writeJsonFile', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'citecheck-write-json-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const value = { schemaVersion: 1, results: Array.from({ length: 5000 }, (_, i) => ({ i, text: 'x'.repeat(50) })) };

  it('waits for a slow stream to drain and writes the whole text plus a newline', async () => {
    const { sink, text, waits } = slowSink(1024);
    await writeJson(sink, value);
    await new Promise<void>((resolve) => sink.end(resolve));
    expect(text()).toBe(`${pretty(value)}\n`);
    expect(waits()).toBeGreaterThan(0);
  });

  it('writes a file, and reports a path it cannot write as an OutputError', async () => {
    const path = join(scratch, 'out.json');
    await writeJsonFile(path, value);
    expect(readFileSync(path, 'utf8')).toBe(`${pretty(value)}\n`);
    const failed = writeJsonFile(join(scratch, 'missing-dir', 'out.json'), value);
    await expect(failed).rejects.toBeInstanceOf(OutputError);
    await expect(failed).rejects.toThrow(/cannot write .*missing-dir/);
  });
});
