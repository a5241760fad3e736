import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCitedLinks as extractInProcess } from '../../src/extract/cited-links.js';
import { ensureBuiltCli, REPO_ROOT } from '../helpers/built-cli.js';

type Library = typeof import('../../src/index.js');

const INPUTS = [
  'citations/jnim-profile.txt',
  'tests/fixtures/extract/html/footnotes.html',
  'tests/fixtures/extract/html/wikipedia.html',
  'tests/fixtures/extract/markdown/footnotes.md',
  'tests/fixtures/extract/markdown/links.md',
];

// The built library, where extraction runs in worker threads (from sources it runs in-process).
describe('extractCitedLinks in worker threads (built library)', () => {
  let built: Library;
  let scratch: string;
  beforeAll(async () => {
    ensureBuiltCli();
    built = (await import(pathToFileURL(join(REPO_ROOT, 'dist/index.js')).href)) as Library;
    scratch = mkdtempSync(join(tmpdir(), 'citecheck-cited-links-worker-'));
    writeFileSync(join(scratch, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42]));
  }, 300_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('gives the same links and counts as extracting in-process, one worker or one per document', async () => {
    const expected = await extractInProcess(INPUTS, { cwd: REPO_ROOT });
    expect(expected.workers).toBe(0);
    // The small documents share one worker; with a 1-character budget each gets its own.
    expect(await built.extractCitedLinks(INPUTS, { cwd: REPO_ROOT })).toEqual({ ...expected, workers: 1 });
    const oneEach = await built.extractCitedLinks(INPUTS, { cwd: REPO_ROOT, workerRecycleChars: 1 });
    expect(oneEach).toEqual({ ...expected, workers: INPUTS.length });
  });

  it('reads standard input in the main thread and extracts it in the worker', async () => {
    const path = 'tests/fixtures/extract/markdown/footnotes.md';
    const text = readFileSync(join(REPO_ROOT, path), 'utf8');
    const cited = await built.extractCitedLinks(['-'], { cwd: REPO_ROOT, stdin: Readable.from([text]) });
    expect(cited.links).toEqual((await extractInProcess([path], { cwd: REPO_ROOT })).links);
  });

  it('rebuilds a file error from the worker as the same typed error, with its code', async () => {
    const failed = built.extractCitedLinks(['binary.txt'], { cwd: scratch });
    await expect(failed).rejects.toBeInstanceOf(built.InputError);
    await expect(failed).rejects.toMatchObject({ code: 'CC_INPUT_BINARY', message: expect.stringContaining('binary') });
  });
});
