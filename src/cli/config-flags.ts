import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { loadConfig } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import type { Config, ConfigInput } from '../model/config.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { ResultStore } from '../store/result-store.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { type parseCommandArgs, parseDurationFlag, parseIntFlag } from './args.js';
import type { CommandContext } from './command.js';

/** The checker's flags, shared by `check`, `audit` and `fix`. */
export const CHECK_FLAG_OPTIONS = {
  config: { type: 'string', short: 'c' },
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
  store: { type: 'string' },
  /** Declared so strict parsing accepts it; parseArgs (allowNegative) reports it as `store: false`. */
  'no-store': { type: 'boolean' },
} as const;

export const CHECK_FLAGS_USAGE =
  '[--config citecheck.config.json] [--concurrency N] [--host-concurrency N] [--host-interval 250ms] [--timeout 30s] ' +
  '[--retries N] [--allow-private] [--include RE]... [--exclude RE]... [--no-cache] [--cache-ttl 24h] ' +
  '[--user-agent UA] [--header "Name: value"]... [--log-level warn] [--store PATH | --no-store]';

export const AUDIT_FLAGS_USAGE =
  `[--input-format text|html|markdown] ${CHECK_FLAGS_USAGE} ` +
  '[--as-of YYYY-MM-DD] [--no-archive] [--archive-timeout 5m] [--save-live] [--confirm-runs N] [--confirm-days D] ' +
  '[--fail-on rot|unsupported|never] [--max-rot-rate 0.05]';

/** The flags `audit` and `fix` share: the checker's, the archive's and the report policy's. */
export const AUDIT_OPTIONS = {
  ...CHECK_FLAG_OPTIONS,
  'input-format': { type: 'string' },
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
  if (typeof values.store === 'string') flags.storePath = values.store;
  return flags;
}

/**
 * `--no-store`: results live in memory for this run only (no cache, history or resume).
 * parseArgs reads it as the negation of `--store`, so `store` is then `false` at run time
 * whatever its declared type; `no-store` is checked too in case a Node version keeps it apart.
 */
export function isStoreDisabled(values: Pick<AuditFlags, 'store' | 'no-store'>): boolean {
  return (values.store as unknown) === false || values['no-store'] === true;
}

/** Defaults < config file < environment < flags, validated; see `src/config/`. */
export async function resolveConfig(ctx: CommandContext, values: AuditFlags): Promise<Config> {
  return loadConfig({
    cwd: ctx.cwd,
    env: ctx.env,
    flags: configInputFromFlags(values),
    ...(values.config === undefined ? {} : { configPath: values.config }),
  });
}

/**
 * The store lives beside the project (`.citecheck/results.db`, `--store`): history makes rot
 * confirmable. `--no-store` gives a memory store. Store warnings go to the run's logger.
 */
export function openStoreFor(
  ctx: CommandContext,
  config: Config,
  options: { disabled: boolean; logger: Pick<Logger, 'warn'> },
): ResultStore {
  if (options.disabled) return createMemoryStore();
  return openSqliteStore(resolve(ctx.cwd, config.storePath), { logger: options.logger });
}
