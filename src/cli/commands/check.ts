import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type CheckRun, type CheckTarget, checkLinks } from '../../check/index.js';
import { createLogger, type LogLevel } from '../../config/logger.js';
import { systemClock } from '../../deps.js';
import { ConfigError, OutputError, UsageError } from '../../errors.js';
import { extractDocument, linkKeyOf, readInputs } from '../../extract/index.js';
import { type CheckConfig, CheckConfigSchema, type ConfigInput, ConfigSchema } from '../../model/config.js';
import type { ExtractedDocument } from '../../model/document.js';
import { isInconclusive, isLive, isRot, LINK_VERDICT_KINDS, type LinkResult } from '../../model/link-result.js';
import { parseCommandArgs, parseDurationFlag, parseIntFlag } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { createProgressDisplay } from '../progress.js';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  format: { type: 'string' },
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
} as const;

type Flags = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

export const CHECK_OUTPUT_SCHEMA_VERSION = 1;
const URL_COLUMN_CHARS = 70;

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check every cited link: alive, moved, rotten, or inconclusive (and why)',
  usage:
    'citecheck check <inputs...> [--output results.json] [--json] [--concurrency N] [--host-concurrency N] ' +
    '[--host-interval 250ms] [--timeout 30s] [--retries N] [--allow-private] [--include RE]... [--exclude RE]... ' +
    '[--no-cache] [--cache-ttl 24h] [--user-agent UA] [--header "Name: value"]... [--log-level warn]',
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(ctx.argv, OPTIONS);
    if (positionals.length === 0) {
      throw new UsageError('check needs at least one input: a file, a directory, or - for standard input');
    }
    const config = checkConfigFromFlags(values);
    const logger = createLogger(parseLogLevel(values['log-level']));
    const inputs = await readInputs(positionals, {
      cwd: ctx.cwd,
      stdin: ctx.stdin,
      ...(values.format === undefined ? {} : { format: values.format }),
    });
    const documents = inputs.map(extractDocument);
    const targets = targetsOf(documents);

    const progress = ctx.isTTY ? createProgressDisplay(ctx.stderr, targets.length, systemClock) : null;
    const run = await checkLinks(targets, config, {
      logger,
      signal: ctx.signal,
      onResult: (result, done) => progress?.tick(result.verdict.kind, done),
    });
    progress?.finish();

    const json = `${JSON.stringify({ schemaVersion: CHECK_OUTPUT_SCHEMA_VERSION, ...run }, null, 2)}\n`;
    if (values.output !== undefined) await writeOutput(resolve(ctx.cwd, values.output), json);
    const summary = renderCheckSummary(run, documents);
    if (values.json) {
      ctx.stdout.write(json);
      ctx.stderr.write(summary);
    } else {
      ctx.stdout.write(summary);
    }
    return run.network.state === 'offline' || run.interrupted ? EXIT.couldNotAudit : EXIT.ok;
  },
};

/**
 * Flags over the schema defaults. The config file and environment layers come with the
 * config loader; until it is wired in here, flags are the only source.
 */
export function checkConfigFromFlags(values: Flags): CheckConfig {
  const input: NonNullable<ConfigInput['check']> = {};
  const setInt = (key: 'concurrency' | 'hostConcurrency' | 'retries', flag: string, value: string | undefined) => {
    const n = parseIntFlag(flag, value);
    if (n !== undefined) input[key] = n;
  };
  setInt('concurrency', 'concurrency', values.concurrency);
  setInt('hostConcurrency', 'host-concurrency', values['host-concurrency']);
  setInt('retries', 'retries', values.retries);
  const intervalMs = parseDurationFlag('host-interval', values['host-interval']);
  if (intervalMs !== undefined) input.hostIntervalMs = intervalMs;
  const timeoutMs = parseDurationFlag('timeout', values.timeout);
  if (timeoutMs !== undefined) {
    // One --timeout bounds the whole request; the phase timeouts may not exceed it.
    const defaults = CheckConfigSchema.parse({});
    input.totalTimeoutMs = timeoutMs;
    input.connectTimeoutMs = Math.min(defaults.connectTimeoutMs, timeoutMs);
    input.headersTimeoutMs = Math.min(defaults.headersTimeoutMs, timeoutMs);
  }
  const ttlMs = parseDurationFlag('cache-ttl', values['cache-ttl']);
  if (ttlMs !== undefined) input.cacheTtlMs = ttlMs;
  if (values['allow-private'] !== undefined) input.allowPrivate = values['allow-private'];
  if (values.cache !== undefined) input.cache = values.cache;
  if (values.include) input.include = values.include;
  if (values.exclude) input.exclude = values.exclude;
  if (values['user-agent'] !== undefined) input.userAgent = values['user-agent'];
  if (values.header) input.headers = parseHeaders(values.header);
  const parsed = CheckConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`check.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`);
  }
  return parsed.data;
}

function parseHeaders(raw: string[]): Record<string, string> {
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

function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined) return 'warn';
  const parsed = ConfigSchema.shape.logLevel.safeParse(value);
  if (!parsed.success) throw new UsageError(`--log-level expects fatal, error, warn, info, debug, trace or silent`);
  return parsed.data;
}

/** Every cited URL once per link key, in document order. */
export function targetsOf(documents: readonly ExtractedDocument[]): CheckTarget[] {
  const targets = new Map<string, CheckTarget>();
  for (const document of documents) {
    for (const citation of document.citations) {
      if (citation.url === null) continue;
      const key = citation.linkKey ?? linkKeyOf(citation.url);
      if (!targets.has(key)) targets.set(key, { key, url: citation.url });
    }
  }
  return [...targets.values()];
}

async function writeOutput(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new OutputError(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Counts per verdict, the network line, then every link that is not plainly alive. */
export function renderCheckSummary(run: CheckRun, documents: readonly ExtractedDocument[]): string {
  const citations = documents.reduce((n, d) => n + d.citations.length, 0);
  const lines = [
    `checked ${run.results.length} unique link(s) from ${citations} citation(s) in ${documents.length} document(s)` +
      (run.interrupted ? ' (interrupted: the rest were not checked)' : ''),
  ];
  const counts = new Map<string, number>();
  for (const result of run.results) counts.set(result.verdict.kind, (counts.get(result.verdict.kind) ?? 0) + 1);
  for (const kind of LINK_VERDICT_KINDS) {
    const n = counts.get(kind);
    if (n) lines.push(`  ${kind.padEnd(14)}${String(n).padStart(6)}`);
  }
  const rot = run.results.filter((r) => isRot(r.verdict)).length;
  const unsure = run.results.filter((r) => isInconclusive(r.verdict)).length;
  lines.push(`  rot ${rot}, inconclusive ${unsure} (never counted as dead)`);
  lines.push(`network: ${run.network.message}`);
  const notable = run.results.filter((r) => !isLive(r.verdict) && r.verdict.kind !== 'offline');
  if (notable.length > 0) {
    lines.push('', 'links to look at:');
    for (const result of notable.sort(byConcern)) lines.push(`  ${formatRow(result)}`);
  }
  return `${lines.join('\n')}\n`;
}

function byConcern(a: LinkResult, b: LinkResult): number {
  const rank = (r: LinkResult) => (isRot(r.verdict) ? 0 : isInconclusive(r.verdict) ? 1 : 2);
  return rank(a) - rank(b);
}

function formatRow(result: LinkResult): string {
  const url = result.url.length > URL_COLUMN_CHARS ? `${result.url.slice(0, URL_COLUMN_CHARS - 1)}…` : result.url;
  return `${result.verdict.kind.padEnd(13)} ${url.padEnd(URL_COLUMN_CHARS)}  ${result.verdict.reason}`;
}
