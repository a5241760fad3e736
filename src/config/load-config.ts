import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { type Config, type ConfigInput, ConfigSchema } from '../model/config.js';
import { describeIssues, dottedPath } from './describe-issues.js';
import { envVarFor, readEnvLayer } from './env-vars.js';
import { findJsonSyntaxError } from './json-syntax-error.js';
import { type DeepPartial, mergeLayers } from './merge-layers.js';

/** Looked up in the working directory when no `--config` is given; absence is fine. */
export const CONFIG_FILE_NAME = 'citecheck.config.json';

export interface LoadConfigOptions {
  cwd: string;
  /** `--config <path>`, relative to `cwd`; unlike the default file, it must exist. */
  configPath?: string | undefined;
  env: Record<string, string | undefined>;
  /**
   * Command-line flags, already shaped like the config (`undefined` = flag not given). The CLI
   * maps each flag to one key, e.g. `--timeout` to `check.totalTimeoutMs` (the whole-request
   * budget per link), `--host-interval` to `check.hostIntervalMs`; see docs/config.md.
   */
  flags: DeepPartial<ConfigInput>;
}

interface Layer {
  /** What a user should look at to fix a problem: a file name, a variable, "command line". */
  source: string;
  values: unknown;
}

function isMissingFile(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

async function readConfigFile(cwd: string, configPath: string | undefined): Promise<Layer | null> {
  const source = configPath ?? CONFIG_FILE_NAME;
  let text: string;
  try {
    text = await readFile(resolve(cwd, source), 'utf8');
  } catch (error) {
    if (isMissingFile(error) && configPath === undefined) return null;
    const reason = isMissingFile(error) ? 'config file not found' : `cannot read the config file (${String(error)})`;
    throw new ConfigError(`${source}: ${reason}`, { cause: error });
  }
  let values: unknown;
  try {
    values = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const where = findJsonSyntaxError(text.replace(/^\uFEFF/, ''));
    const message = where
      ? `${source}:${where.line}:${where.column}: invalid JSON: ${where.problem}`
      : `${source}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`;
    throw new ConfigError(message, { cause: error });
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new ConfigError(`${source}: expected a JSON object at the top level`);
  }
  return { source, values };
}

/** Checks one layer on its own, so an error names where the bad value came from. */
function assertValidLayer(layer: Layer, sourceOf: (path: readonly PropertyKey[]) => string = () => layer.source): void {
  const parsed = ConfigSchema.safeParse(layer.values);
  if (parsed.success) return;
  const lines = parsed.error.issues.flatMap((issue) =>
    describeIssues([issue]).map((line) => `${sourceOf(issue.path)}: ${line}`),
  );
  throw new ConfigError(lines.join('\n'), { cause: parsed.error });
}

/** Freezes `value` and everything reachable from it, so a resolved config cannot drift mid-run. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Resolves the configuration, each layer overriding the one before:
 * schema defaults < config file (`citecheck.config.json` in `cwd`, or `configPath`) <
 * environment (`CITECHECK_*`, listed in `ENV_VARS`) < command-line flags.
 * Objects merge key by key; arrays are replaced whole. Relative paths in the result
 * (`storePath`, `report.outputDir`) stay relative to the working directory.
 *
 * Every layer is validated by `ConfigSchema`; a problem throws `ConfigError` naming its source
 * and key path ("citecheck.config.json: unknown key check.concurency (did you mean
 * check.concurrency?)", "CITECHECK_CONCURRENCY: expected a whole number, got \"abc\"").
 * The result is deeply frozen.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<Config> {
  const file = await readConfigFile(options.cwd, options.configPath);
  const env: Layer = { source: 'environment', values: readEnvLayer(options.env) };
  const flags: Layer = { source: 'command line', values: mergeLayers(options.flags) };
  if (file) assertValidLayer(file);
  assertValidLayer(env, (path) => envVarFor(dottedPath(path))?.name ?? env.source);
  assertValidLayer(flags);
  // Each layer passed on its own and the schema has no cross-key rules, so the merge passes too.
  return deepFreeze(ConfigSchema.parse(mergeLayers(file?.values, env.values, flags.values)));
}
