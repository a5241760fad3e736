import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReportFormats, writeReports } from '../../../src/report/write-reports.js';
import { loadFixtureReport } from './report-fixture.js';

function memoryStream(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

describe('parseReportFormats', () => {
  it('accepts a comma list, once each, and rejects an unknown format', () => {
    expect(parseReportFormats('json, md,json,sarif')).toEqual(['json', 'md', 'sarif']);
    expect(() => parseReportFormats('json,pdf')).toThrow(/unknown report format "pdf"/);
    expect(() => parseReportFormats(',')).toThrow(/--format expects/);
  });
});

describe('writeReports', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('writes each format under its fixed name inside the output directory', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'citecheck-write-'));
    dirs.push(cwd);
    const written = await writeReports(loadFixtureReport(), {
      formats: ['json', 'junit', 'sarif'],
      outputDir: 'nested/out',
      cwd,
      stdout: memoryStream(),
    });
    expect(written.map((p) => p.slice(cwd.length + 1))).toEqual([
      'nested/out/report.json',
      'nested/out/report.junit.xml',
      'nested/out/report.sarif',
    ]);
    expect(readdirSync(join(cwd, 'nested/out')).sort()).toEqual(['report.json', 'report.junit.xml', 'report.sarif']);
  });

  it('`-` writes one format to standard output and refuses several', async () => {
    const stdout = memoryStream();
    await writeReports(loadFixtureReport(), { formats: ['csv'], outputDir: '-', cwd: tmpdir(), stdout });
    expect(stdout.text.startsWith('document,citation_id')).toBe(true);
    await expect(
      writeReports(loadFixtureReport(), { formats: ['csv', 'md'], outputDir: '-', cwd: tmpdir(), stdout }),
    ).rejects.toThrow(/exactly one --format/);
  });
});
