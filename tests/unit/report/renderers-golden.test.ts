import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../../src/model/report.js';
import { renderGithubAnnotations, renderGithubSummary } from '../../../src/report/render-github.js';
import { renderReport } from '../../../src/report/write-reports.js';
import { FIXTURE_DIR, loadFixtureReport } from './report-fixture.js';

const GOLDEN_DIR = join(FIXTURE_DIR, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares with the committed golden file; UPDATE_GOLDEN=1 rewrites it (review the diff). */
function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (UPDATE || !existsSync(file)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    if (!UPDATE) throw new Error(`golden file ${name} was missing and has been written: review and commit it`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('renderers on the fixture report', () => {
  const report = loadFixtureReport();

  it('builds a report that satisfies its own schema', () => {
    expect(ReportSchema.parse(report)).toEqual(report);
  });

  it.each([
    ['json', 'report.json'],
    ['md', 'report.md'],
    ['html', 'report.html'],
    ['csv', 'report.csv'],
    ['sarif', 'report.sarif'],
    ['junit', 'report.junit.xml'],
  ] as const)('renders %s like the golden file', (format, file) => {
    expectGolden(file, renderReport(report, format));
  });

  it('renders GitHub annotations and job summary like the golden files', () => {
    expectGolden('github-annotations.txt', renderGithubAnnotations(report));
    expectGolden('github-summary.md', renderGithubSummary(report));
  });

  it('is deterministic: the same report renders to the same bytes', () => {
    expect(renderReport(loadFixtureReport(), 'html')).toBe(renderReport(report, 'html'));
  });
});
