import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { pino } from 'pino';
import { createLogger } from '../../config/logger.js';
import { systemClock } from '../../deps.js';
import { OutputError, UsageError } from '../../errors.js';
import type { Config } from '../../model/config.js';
import type { Report } from '../../model/report.js';
import { type AuditOutcome, type AuditProgress, runAudit } from '../../pipeline.js';
import { readBaseline } from '../../report/baseline.js';
import { formatPercent } from '../../report/problems.js';
import { renderGithubAnnotations, renderGithubSummary } from '../../report/render-github.js';
import { parseReportFormats, STDOUT_DIR, writeReports } from '../../report/write-reports.js';
import { parseCommandArgs } from '../args.js';
import type { Command, CommandContext } from '../command.js';
import { AUDIT_FLAGS_USAGE, AUDIT_OPTIONS, isStoreDisabled, openStoreFor, resolveConfig } from '../config-flags.js';
import { createProgressDisplay, type ProgressDisplay } from '../progress.js';

const OPTIONS = {
  ...AUDIT_OPTIONS,
  format: { type: 'string', short: 'f' },
  'output-dir': { type: 'string', short: 'o' },
  baseline: { type: 'string' },
} as const;

/** Runs the audit with a progress bar on a TTY and pino logs on stderr. */
export async function runAuditCommand(
  ctx: CommandContext,
  inputs: string[],
  config: Config,
  extra: { format?: string; baseline?: Report | null; logger: pino.Logger; noStore: boolean },
): Promise<AuditOutcome> {
  const store = openStoreFor(ctx, config, { disabled: extra.noStore, logger: extra.logger });
  let progress: ProgressDisplay | null = null;
  const onProgress = (event: AuditProgress) => {
    if (!ctx.isTTY) return;
    if (event.stage === 'extract') progress = createProgressDisplay(ctx.stderr, event.links, systemClock);
    else if (event.stage === 'check') progress?.tick(event.result.verdict.kind, event.done);
    else if (event.stage === 'archive') progress?.finish();
  };
  try {
    return await runAudit(
      inputs,
      {
        config,
        cwd: ctx.cwd,
        stdin: ctx.stdin,
        env: ctx.env,
        baseline: extra.baseline ?? null,
        ...(extra.format === undefined ? {} : { format: extra.format }),
      },
      { store, logger: extra.logger, signal: ctx.signal, onProgress },
    );
  } finally {
    (progress as ProgressDisplay | null)?.finish();
    store.close();
  }
}

/** The lines a person reads at the end: what was found, where the reports are, and the verdict. */
export function describeOutcome(outcome: AuditOutcome, written: readonly string[], cwd: string): string {
  const { summary, run } = outcome.report;
  const lines = [
    `audited ${summary.documents} document(s): ${summary.claims} claims, ${summary.citations} citations, ${summary.uniqueLinks} unique links`,
    `  links: ${summary.linkStates.live} live, ${summary.linkStates.rot} rotten, ${summary.linkStates.suspect} suspect, ` +
      `${summary.inconclusive} inconclusive (never counted as dead), rot rate ${formatPercent(summary.rotRate)}`,
    `  claims: ${Object.entries(summary.claimStatuses)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ')}`,
    `  captures: ${summary.archive.validated} validated, ${summary.archive.notArchived} not archived, ${summary.archive.failed} failed, ${summary.archive.skipped} skipped`,
  ];
  if (outcome.report.baseline) {
    const b = outcome.report.baseline;
    lines.push(
      `  against the baseline: ${b.newRot.length} new rot, ${b.fixed.length} fixed, ${b.stillRotten.length} still rotten`,
    );
  }
  lines.push(`network: ${run.network.message}`);
  for (const path of written) lines.push(`wrote ${relativeTo(cwd, path)}`);
  const verdict =
    outcome.exit.code === 4
      ? `could not audit: ${outcome.exit.reason}; no citation was called dead`
      : outcome.exit.code === 1
        ? `policy failed: ${outcome.exit.reason}`
        : `ok: ${outcome.exit.reason}`;
  lines.push(`${verdict} (exit ${outcome.exit.code})`);
  return `${lines.join('\n')}\n`;
}

function relativeTo(cwd: string, path: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

/** On GitHub Actions: the job summary, and annotations on the lines of the problem citations. */
async function reportToGithub(report: Report, env: CommandContext['env'], out: Writable): Promise<void> {
  out.write(renderGithubAnnotations(report));
  const summaryPath = env.GITHUB_STEP_SUMMARY;
  if (!summaryPath) return;
  try {
    await appendFile(summaryPath, renderGithubSummary(report));
  } catch (error) {
    throw new OutputError(`cannot append the job summary to ${summaryPath}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

export const auditCommand: Command = {
  name: 'audit',
  usage:
    'citecheck audit <inputs...> [--format json,md,html,csv,sarif,junit] [--output-dir reports|-] ' +
    `[--baseline previous/report.json] ${AUDIT_FLAGS_USAGE}`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(ctx.argv, OPTIONS);
    if (positionals.length === 0) {
      throw new UsageError('audit needs at least one input: a file, a directory, or - for standard input');
    }
    // Validated before any work, so a typo costs nothing.
    const flagFormats = values.format === undefined ? undefined : parseReportFormats(values.format);
    const config = await resolveConfig(ctx, values);
    const formats = flagFormats ?? config.report.formats;
    const outputDir = values['output-dir'] ?? config.report.outputDir;
    if (outputDir === STDOUT_DIR && formats.length !== 1) {
      throw new UsageError('--output-dir - (standard output) takes exactly one --format');
    }
    const baseline = values.baseline === undefined ? null : await readBaseline(resolve(ctx.cwd, values.baseline));
    const logger = createLogger(config.logLevel);
    const outcome = await runAuditCommand(ctx, positionals, config, {
      baseline,
      logger,
      noStore: isStoreDisabled(values),
      ...(values['input-format'] === undefined ? {} : { format: values['input-format'] }),
    });
    const written = await writeReports(outcome.report, { formats, outputDir, cwd: ctx.cwd, stdout: ctx.stdout });
    // Standard output may carry a report; then the human summary goes to stderr.
    const human = outputDir === STDOUT_DIR ? ctx.stderr : ctx.stdout;
    if (ctx.env.GITHUB_ACTIONS) await reportToGithub(outcome.report, ctx.env, human);
    human.write(describeOutcome(outcome, written, ctx.cwd));
    return outcome.exit.code;
  },
};
