import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import { extractCitedLinks } from '../../../src/extract/cited-links.js';
import { extractDocument } from '../../../src/extract/extract-document.js';
import { linkKeyOf } from '../../../src/extract/link-key.js';
import { readInputs } from '../../../src/extract/read-inputs.js';
import { REPO_ROOT } from '../../helpers/built-cli.js';

const INPUTS = [
  'citations/jnim-profile.txt',
  'tests/fixtures/extract/html/wikipedia.html',
  'tests/fixtures/extract/markdown/footnotes.md',
  'tests/fixtures/extract/markdown/links.md',
];

/** The links as the whole documents give them: first citation of each key, in document order. */
async function expectedLinks(inputs: string[]) {
  const documents = (await readInputs(inputs, { cwd: REPO_ROOT })).map(extractDocument);
  const links = new Map<string, { key: string; url: string }>();
  for (const citation of documents.flatMap((document) => document.citations)) {
    if (citation.url === null) continue;
    const key = citation.linkKey ?? linkKeyOf(citation.url);
    if (!links.has(key)) links.set(key, { key, url: citation.url });
  }
  const citations = documents.reduce((n, document) => n + document.citations.length, 0);
  return { links: [...links.values()], documents: documents.length, citations, workers: 0 };
}

// From TypeScript sources there is no compiled worker: this is the in-process path
// (tests/e2e/cited-links-worker.test.ts runs the built worker path against it).
describe('extractCitedLinks (in-process)', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'citecheck-cited-links-'));
    writeFileSync(join(scratch, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42]));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('gives every cited URL once per link key, in document order, with the counts', async () => {
    const expected = await expectedLinks(INPUTS);
    const cited = await extractCitedLinks(INPUTS, { cwd: REPO_ROOT });
    expect(cited).toEqual(expected);
    expect(cited.documents).toBe(4);
    expect(cited.links.length).toBeGreaterThan(40);
    // Cited more than once across the documents, listed once.
    expect(new Set(cited.links.map((link) => link.key)).size).toBe(cited.links.length);
  });

  it('reads standard input for -', async () => {
    const text = readFileSync(join(REPO_ROOT, 'tests/fixtures/extract/markdown/links.md'), 'utf8');
    const cited = await extractCitedLinks(['-'], { cwd: REPO_ROOT, stdin: Readable.from([text]) });
    const expected = await expectedLinks(['tests/fixtures/extract/markdown/links.md']);
    expect(cited.links).toEqual(expected.links);
  });

  it('fails with the input error of a missing or binary file, and a usage error for an unknown format', async () => {
    await expect(extractCitedLinks(['nope.txt'], { cwd: scratch })).rejects.toMatchObject({
      code: 'CC_INPUT_NOT_FOUND',
    });
    const binary = extractCitedLinks(['binary.txt'], { cwd: scratch });
    await expect(binary).rejects.toBeInstanceOf(InputError);
    await expect(binary).rejects.toMatchObject({ code: 'CC_INPUT_BINARY' });
    await expect(extractCitedLinks(INPUTS, { cwd: REPO_ROOT, format: 'pdf' })).rejects.toBeInstanceOf(UsageError);
  });
});
