import { readFile } from 'node:fs/promises';
import { type ErrorCode, UsageError } from '../errors.js';
import { type BaselineDiff, type Report, type ReportDocument, ReportSchema } from '../model/report.js';
import { uniqueLinks } from './summarize.js';

/**
 * Reads and validates a report.json written by `citecheck audit`; anything else is a clear
 * usage error naming the first problem (`what` names the file's role in the message).
 */
export async function readReportFile(path: string, what = 'report', code: ErrorCode = 'CC_USAGE'): Promise<Report> {
  const fail = (message: string, cause?: unknown): never => {
    throw new UsageError(`${what} ${path} ${message}`, code, cause === undefined ? undefined : { cause });
  };
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    fail(`cannot be read: ${(error as Error).message}`, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`is not JSON: ${(error as Error).message}`, error);
  }
  const parsed = ReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    return fail(`is not a citecheck report (schemaVersion 1): ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** A previous report for `--baseline`. */
export function readBaseline(path: string): Promise<Report> {
  return readReportFile(path, 'baseline', 'CC_BASELINE_INVALID');
}

/** New rot, fixed and still rotten, by link key, against a previous report. */
export function diffBaseline(baseline: Report, documents: readonly ReportDocument[]): BaselineDiff {
  const before = new Map(uniqueLinks(baseline.documents).map((l) => [l.key, l]));
  const now = uniqueLinks(documents);
  const nowByKey = new Map(now.map((l) => [l.key, l]));
  const entry = (l: { key: string; url: string }) => ({ key: l.key, url: l.url });
  const wasRot = (key: string) => before.get(key)?.state === 'rot';
  return {
    baselineStartedAt: baseline.run.startedAt,
    newRot: now.filter((l) => l.state === 'rot' && !wasRot(l.key)).map(entry),
    stillRotten: now.filter((l) => l.state === 'rot' && wasRot(l.key)).map(entry),
    fixed: [...before.values()]
      .filter((l) => l.state === 'rot')
      .filter((l) => {
        const current = nowByKey.get(l.key);
        return current === undefined || current.state === 'live';
      })
      .map(entry),
  };
}
