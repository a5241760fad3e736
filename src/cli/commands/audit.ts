import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { pino } from 'pino';
import { loadConfig } from '../../config/load-config.js';
import { createLogger } from '../../config/logger.js';
import { systemClock } from '../../deps.js';
import { OutputError, UsageError } from '../../errors.js';
import type { Config, ConfigInput } from '../../model/config.js';
import type { Report } from '../../model/report.js';
import { type AuditOutcome, type AuditProgress, runAudit } from '../../pipeline.js';
import { readBaseline } from '../../report/baseline.js';
import { formatPercent } from '../../report/problems.js';
import { renderGithubAnnotations, renderGithubSummary } from '../../report/render-github.js';
import { parseReportFormats, STDOUT_DIR, writeReports } from '../../report/write-reports.js';
import { openSqliteStore } from '../../store/sqlite-store.js';
import { parseCommandArgs, parseDurationFlag, parseIntFlag } from '../args.js';
import type { Command, CommandContext } from '../command.js';
import { createProgressDisplay, type ProgressDisplay } from '../progress.js';

/** The flags `audit` and `fix` share: the checker's, the archive's and the report policy's. */
export const AUDIT_OPTIONS = {
  config: { type: 'string', short: 'c' },
  'input-format': { type: 'string' },
  concurrency: { type: 'string' },
  'host-concurrency': { type: 'string' },
  'host-interval': { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  'allow-private': { type: 'boolean' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  cache: { type: 'boolean' },
  'cache-ttl': { type: 'string' },
  'user-agent': { type: 'string' },
  header: { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  'as-of': { type: 'string' },
  archive: { type: 'boolean' },
  'archive-timeout': { type: 'string' },
  'save-live': { type: 'boolean' },
  'confirm-runs': { type: 'string' },
  'confirm-days': { type: 'string' },
  'fail-on': { type: 'string' },
  'max-rot-rate': { type: 'string' },
} as const;

export type AuditFlags = ReturnType<typeof parseCommandArgs<typeof AUDIT_OPTIONS>>['values'];

function parseHeaders(raw: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of raw) {
    const colon = header.indexOf(':');
    const name = header.slice(0, colon).trim();
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(name)) {
      throw new UsageError(`--header expects "Name: value", got "${header}"`);
    }
    headers[name.toLowerCase()] = header.slice(colon + 1).trim();
  }
  return headers;
}

function parseRate(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const percent = value.trim().endsWith('%');
  const n = Number(percent ? value.trim().slice(0, -1) : value);
  const rate = percent ? n / 100 : n;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new UsageError(`--${name} expects a share between 0 and 1 (or a percentage like 5%), got "${value}"`);
  }
  return rate;
}

function parseAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`--as-of expects an ISO date like 2024-05-01, got "${value}"`);
  }
  return value;
}

function parseFailOn(value: string | undefined): 'rot' | 'unsupported' | 'never' | undefined {
  if (value === undefined) return undefined;
  if (value === 'rot' || value === 'unsupported' || value === 'never') return value;
  throw new UsageError(`--fail-on expects rot, unsupported or never, got "${value}"`);
}

/** Only the flags given, as the top layer over defaults, the config file and the environment. */
export function configInputFromFlags(values: AuditFlags): ConfigInput {
  const check: NonNullable<ConfigInput['check']> = {};
  const archive: NonNullable<ConfigInput['archive']> = {};
  const report: NonNullable<ConfigInput['report']> = {};
  const set = <T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined) => {
    if (value !== undefined) target[key] = value;
  };
  set(check, 'concurrency', parseIntFlag('concurrency', values.concurrency));
  set(check, 'hostConcurrency', parseIntFlag('host-concurrency', values['host-concurrency']));
  set(check, 'retries', parseIntFlag('retries', values.retries));
  set(check, 'hostIntervalMs', parseDurationFlag('host-interval', values['host-interval']));
  set(check, 'totalTimeoutMs', parseDurationFlag('timeout', values.timeout));
  set(check, 'cacheTtlMs', parseDurationFlag('cache-ttl', values['cache-ttl']));
  set(check, 'allowPrivate', values['allow-private']);
  set(check, 'cache', values.cache);
  set(check, 'include', values.include);
  set(check, 'exclude', values.exclude);
  set(check, 'userAgent', values['user-agent']);
  if (values.header) check.headers = parseHeaders(values.header);
  set(archive, 'enabled', values.archive);
  set(archive, 'timeoutMs', parseDurationFlag('archive-timeout', values['archive-timeout']));
  set(archive, 'saveLive', values['save-live']);
  set(report, 'confirmRuns', parseIntFlag('confirm-runs', values['confirm-runs']));
  set(report, 'confirmDays', parseIntFlag('confirm-days', values['confirm-days']));
  set(report, 'failOn', parseFailOn(values['fail-on']));
  set(report, 'maxRotRate', parseRate('max-rot-rate', values['max-rot-rate']));
  const flags: ConfigInput = { check, archive, report };
  const asOf = parseAsOf(values['as-of']);
  if (asOf !== undefined) flags.asOf = asOf;
  if (values['log-level'] !== undefined) flags.logLevel = values['log-level'] as ConfigInput['logLevel'];
  return flags;
}

export const AUDIT_FLAGS_USAGE =
  '[--config citecheck.config.json] [--input-format text|html|markdown] [--concurrency N] [--host-concurrency N] ' +
  '[--host-interval 250ms] [--timeout 30s] [--retries N] [--allow-private] [--include RE]... [--exclude RE]... ' +
  '[--no-cache] [--cache-ttl 24h] [--user-agent UA] [--header "Name: value"]... [--log-level warn] ' +
  '[--as-of YYYY-MM-DD] [--no-archive] [--archive-timeout 5m] [--save-live] [--confirm-runs N] [--confirm-days D] ' +
  '[--fail-on rot|unsupported|never] [--max-rot-rate 0.05]';

const OPTIONS = {
  ...AUDIT_OPTIONS,
  format: { type: 'string', short: 'f' },
  'output-dir': { type: 'string', short: 'o' },
  baseline: { type: 'string' },
} as const;

/** Defaults < config file < environment < flags, validated; see `src/config/`. */
export async function resolveAuditConfig(ctx: CommandContext, values: AuditFlags): Promise<Config> {
  return loadConfig({
    cwd: ctx.cwd,
    env: ctx.env,
    flags: configInputFromFlags(values),
    ...(values.config === undefined ? {} : { configPath: values.config }),
  });
}

/** The store lives beside the project (`.citecheck/results.db`): history makes rot confirmable. */
export function openStoreFor(ctx: CommandContext, config: Config) {
  return openSqliteStore(resolve(ctx.cwd, config.storePath));
}

/** Runs the audit with a progress bar on a TTY and pino logs on stderr. */
export async function runAuditCommand(
  ctx: CommandContext,
  inputs: string[],
  config: Config,
  extra: { format?: string; baseline?: Report | null; logger: pino.Logger },
): Promise<AuditOutcome> {
  const store = openStoreFor(ctx, config);
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
  summary: 'Audit documents end to end: extract, check, archive, verify, and write the reports',
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
    const config = await resolveAuditConfig(ctx, values);
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
