import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { type BaselineDiff, type Report, type ReportDocument, ReportSchema } from '../model/report.js';
import { uniqueLinks } from './summarize.js';

/** Reads and validates a previous report.json; anything else is a clear usage error. */
export async function readBaseline(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read baseline ${path}: ${(error as Error).message}`, 'CC_BASELINE_INVALID', {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`baseline ${path} is not JSON: ${(error as Error).message}`, 'CC_BASELINE_INVALID', {
      cause: error,
    });
  }
  const parsed = ReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new UsageError(
      `baseline ${path} is not a citecheck report (schemaVersion 1): ${where}: ${issue?.message ?? 'invalid'}`,
      'CC_BASELINE_INVALID',
    );
  }
  return parsed.data;
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
