import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import { readInputs } from '../../../src/extract/read-inputs.js';

describe('readInputs', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'citecheck-inputs-'));
    mkdirSync(join(cwd, 'docs/sub'), { recursive: true });
    writeFileSync(join(cwd, 'docs/b.md'), '# B\n');
    writeFileSync(join(cwd, 'docs/a.txt'), 'A claim.');
    writeFileSync(join(cwd, 'docs/sub/c.html'), '<p>C</p>');
    writeFileSync(join(cwd, 'docs/image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    writeFileSync(join(cwd, 'docs/notes.pdf'), '%PDF-1.7');
    writeFileSync(join(cwd, 'bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Claim.')]));
    writeFileSync(join(cwd, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42]));
    writeFileSync(join(cwd, 'latin1.txt'), Buffer.from(Array.from({ length: 200 }, (_, i) => 0x80 + (i % 100))));
    writeFileSync(join(cwd, 'page'), '<!doctype html><p>x</p>');
    mkdirSync(join(cwd, 'empty'));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('reads a file with its detected format and modification time', async () => {
    const [document] = await readInputs(['page'], { cwd });
    expect(document).toMatchObject({ path: 'page', format: 'html', text: '<!doctype html><p>x</p>' });
    expect(document?.modifiedAt).toBeInstanceOf(Date);
  });

  it('walks a directory in sorted order, picking only known extensions', async () => {
    const documents = await readInputs(['docs'], { cwd });
    expect(documents.map((document) => [document.path, document.format])).toEqual([
      [join('docs', 'a.txt'), 'text'],
      [join('docs', 'b.md'), 'markdown'],
      [join('docs', 'sub', 'c.html'), 'html'],
    ]);
  });

  it('lets --format override detection for every input', async () => {
    const documents = await readInputs(['docs/b.md', 'page'], { cwd, format: 'text' });
    expect(documents.map((document) => document.format)).toEqual(['text', 'text']);
  });

  it('reads - from stdin, detecting the format from the content', async () => {
    const stdin = Readable.from([Buffer.from('<!DOCTYPE html>'), Buffer.from('<p>from stdin</p>')]);
    const [document] = await readInputs(['-'], { cwd, stdin });
    expect(document).toEqual({ path: '-', text: '<!DOCTYPE html><p>from stdin</p>', format: 'html', modifiedAt: null });
  });

  it('drops a UTF-8 byte order mark', async () => {
    const [document] = await readInputs(['bom.txt'], { cwd });
    expect(document?.text).toBe('Claim.');
  });

  it('fails with typed errors on missing, binary, non-UTF-8 and unreadable inputs, and on an unknown format', async () => {
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: unknown) => (error instanceof InputError || error instanceof UsageError ? error.code : String(error)),
      );
    expect(await codeOf(readInputs(['missing.txt'], { cwd }))).toBe('CC_INPUT_NOT_FOUND');
    expect(await codeOf(readInputs(['empty'], { cwd }))).toBe('CC_INPUT_NOT_FOUND');
    expect(await codeOf(readInputs(['binary.txt'], { cwd }))).toBe('CC_INPUT_BINARY');
    expect(await codeOf(readInputs(['latin1.txt'], { cwd }))).toBe('CC_INPUT_BINARY');
    expect(await codeOf(readInputs(['page'], { cwd, format: 'pdf' }))).toBe('CC_UNKNOWN_FORMAT');
    if (process.getuid?.() !== 0) {
      // root reads everything, so the permission case only means something for other users.
      writeFileSync(join(cwd, 'locked.txt'), 'x');
      chmodSync(join(cwd, 'locked.txt'), 0o000);
      expect(await codeOf(readInputs(['locked.txt'], { cwd }))).toBe('CC_INPUT_UNREADABLE');
    }
    expect(await codeOf(readInputs(['docs/a.txt/x'], { cwd }))).toBe('CC_INPUT_NOT_FOUND');
  });
});
