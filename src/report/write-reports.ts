import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { OutputError, UsageError } from '../errors.js';
import { REPORT_FORMATS, type ReportFormat, ReportFormatSchema } from '../model/config.js';
import type { Report } from '../model/report.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';

/** Fixed file names: nothing a user or a document writes can name a file outside the directory. */
export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  json: 'report.json',
  md: 'report.md',
  html: 'report.html',
  csv: 'report.csv',
  sarif: 'report.sarif',
  junit: 'report.junit.xml',
};

const RENDERERS: Readonly<Record<ReportFormat, (report: Report) => string>> = {
  json: renderJson,
  md: renderMarkdown,
  html: renderHtml,
  csv: renderCsv,
  sarif: renderSarif,
  junit: renderJunit,
};

/** The output directory value that means standard output. */
export const STDOUT_DIR = '-';

export function renderReport(report: Report, format: ReportFormat): string {
  return RENDERERS[format](report);
}

/** Parses `--format json,md,...`; an unknown format is a usage error, never a fallback. */
export function parseReportFormats(value: string): ReportFormat[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError(`--format expects one or more of ${REPORT_FORMATS.join(', ')}`);
  const formats: ReportFormat[] = [];
  for (const name of names) {
    const parsed = ReportFormatSchema.safeParse(name);
    if (!parsed.success) {
      throw new UsageError(
        `unknown report format "${name}" (expected ${REPORT_FORMATS.join(', ')})`,
        'CC_UNKNOWN_FORMAT',
      );
    }
    if (!formats.includes(parsed.data)) formats.push(parsed.data);
  }
  return formats;
}

export interface WriteReportsOptions {
  formats: readonly ReportFormat[];
  /** Relative to `cwd`, or `-` for standard output (one format only). */
  outputDir: string;
  cwd: string;
  stdout: Writable;
}

/** Writes each format to its fixed file name in the output directory; returns the paths written. */
export async function writeReports(report: Report, options: WriteReportsOptions): Promise<string[]> {
  if (options.outputDir === STDOUT_DIR) {
    if (options.formats.length !== 1) {
      throw new UsageError('--output-dir - (standard output) takes exactly one --format');
    }
    const [format] = options.formats as [ReportFormat];
    options.stdout.write(renderReport(report, format));
    return [];
  }
  const directory = resolve(options.cwd, options.outputDir);
  const written: string[] = [];
  try {
    await mkdir(directory, { recursive: true });
    for (const format of options.formats) {
      const target = join(directory, REPORT_FILE_NAMES[format]);
      const inside = relative(directory, target);
      if (inside.startsWith('..') || isAbsolute(inside))
        throw new OutputError(`refusing to write outside ${directory}`);
      await writeFile(target, renderReport(report, format));
      written.push(target);
    }
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write reports to ${options.outputDir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return written;
}
