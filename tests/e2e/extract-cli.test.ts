import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { ExtractResultSchema } from '../../src/model/document.js';
import { ensureBuiltCli, REPO_ROOT, runBuiltCli } from '../helpers/built-cli.js';

// Runs dist/cli/main.js as a user would; `ensureBuiltCli` rebuilds only when src/ is newer than dist/.
describe('citecheck extract (built CLI)', () => {
  let scratch: string;
  beforeAll(() => {
    ensureBuiltCli();
    scratch = mkdtempSync(join(tmpdir(), 'citecheck-e2e-extract-'));
    writeFileSync(join(scratch, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]));
    writeFileSync(join(scratch, 'empty.md'), '# Nothing cited here\n\nJust prose.\n');
  }, 300_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints schema-valid JSON for the bundled sample with --json', () => {
    const run = runBuiltCli(['extract', 'citations/jnim-profile.txt', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = ExtractResultSchema.parse(JSON.parse(run.stdout));
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]).toMatchObject({ path: 'citations/jnim-profile.txt', format: 'text' });
    expect(result.documents[0]!.citations.length).toBeGreaterThan(40);
    expect(result.documents[0]!.citations.some((citation) => citation.url === null)).toBe(true);
  });

  it('prints a readable table by default', () => {
    const run = runBuiltCli(['extract', 'tests/fixtures/extract/html/wikipedia.html']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      'tests/fixtures/extract/html/wikipedia.html (html): 4 citation(s) on 3 claim(s), 1 without URL, 1 warning(s)',
    );
    expect(lines[1]).toMatch(/^ {2}LINE:COL {2}URL +CLAIM$/);
    expect(lines[2]).toMatch(
      /^ {2}13:244 +https:\/\/www\.hrw\.org\/report\/2018\/12\/07\/.*The Macina Liberation Front/,
    );
    expect(run.stdout).toContain('warning 7:81 relative-links:');
  });

  it('walks a directory and reads stdin with --format', () => {
    const walked = ExtractResultSchema.parse(
      JSON.parse(runBuiltCli(['extract', 'tests/fixtures/extract/markdown', '--json']).stdout),
    );
    expect(walked.documents.map((document) => [document.path, document.format])).toEqual([
      [join('tests/fixtures/extract/markdown', 'footnotes.md'), 'markdown'],
      [join('tests/fixtures/extract/markdown', 'links.md'), 'markdown'],
    ]);
    const markdown = readFileSync(join(REPO_ROOT, 'tests/fixtures/extract/markdown/links.md'), 'utf8');
    const piped = runBuiltCli(['extract', '-', '--format', 'markdown', '--json'], { input: markdown });
    expect(piped.code).toBe(0);
    const fromStdin = ExtractResultSchema.parse(JSON.parse(piped.stdout)).documents[0]!;
    expect(fromStdin.path).toBe('-');
    expect(fromStdin.citations.map((citation) => citation.url)).toEqual(
      walked.documents[1]!.citations.map((c) => c.url),
    );
  });

  it('exits 0 with a no-citations warning for a document that cites nothing', () => {
    const run = runBuiltCli(['extract', join(scratch, 'empty.md'), '--json']);
    expect(run.code).toBe(0);
    const [document] = ExtractResultSchema.parse(JSON.parse(run.stdout)).documents;
    expect(document).toMatchObject({ claims: [], citations: [] });
    expect(document!.warnings.map((warning) => warning.code)).toEqual(['no-citations']);
  });

  it.each([
    [['extract', 'no/such/file.txt'], 'CC_INPUT_NOT_FOUND'],
    [['extract', 'BINARY'], 'CC_INPUT_BINARY'],
    [['extract', 'citations/jnim-profile.txt', '--format', 'pdf'], 'CC_UNKNOWN_FORMAT'],
    [['extract'], 'CC_USAGE'],
    [['extract', 'citations/jnim-profile.txt', '--colour'], 'CC_USAGE'],
  ])('fails %j with one line on stderr, code %s and exit 2', (args, code) => {
    const run = runBuiltCli(args.map((arg) => (arg === 'BINARY' ? join(scratch, 'binary.txt') : arg)));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`[${code}]`);
  });
});

describe('citecheck schema (built CLI)', () => {
  it('writes the same schemas as the ones committed in reports/schema', () => {
    ensureBuiltCli();
    const out = mkdtempSync(join(tmpdir(), 'citecheck-e2e-schema-'));
    try {
      const run = runBuiltCli(['schema', '--write', out]);
      expect(run.code).toBe(0);
      for (const name of ['extract.schema.json', 'report.schema.json']) {
        expect(readFileSync(join(out, name), 'utf8')).toBe(
          readFileSync(join(REPO_ROOT, 'reports/schema', name), 'utf8'),
        );
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

// In this file rather than its own: one more e2e file would be one more concurrent dist rebuild.
describe('citecheck <command> --help (built CLI)', () => {
  beforeAll(() => {
    ensureBuiltCli();
  }, 300_000);

  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    '%s --help prints the registry summary and the usage',
    async (name, entry) => {
      const command = await entry.load();
      // One place for the summary: the lazy registry; the command module carries no copy.
      expect(command).not.toHaveProperty('summary');
      const run = runBuiltCli([name, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${entry.summary}\n\nUsage: ${command.usage}\n`);
      expect(command.usage).toMatch(new RegExp(`^citecheck ${name}\\b`));
    },
  );
});
