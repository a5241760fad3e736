import { ConfigError } from '../errors.js';
import type { ConfigInput } from '../model/config.js';
import type { DeepPartial } from './merge-layers.js';
import { setAtPath } from './merge-layers.js';

type EnvValueType = 'integer' | 'boolean' | 'string';

export interface EnvVar {
  name: string;
  /** Where the value lands in the config, dotted. */
  path: string;
  type: EnvValueType;
}

/**
 * The environment variables citecheck reads, each overriding one config key (above the
 * config file, below command-line flags). An empty value counts as unset. Documented in
 * docs/config.md, which a test keeps in step with this list.
 */
export const ENV_VARS: readonly EnvVar[] = [
  { name: 'CITECHECK_CONCURRENCY', path: 'check.concurrency', type: 'integer' },
  { name: 'CITECHECK_HOST_CONCURRENCY', path: 'check.hostConcurrency', type: 'integer' },
  { name: 'CITECHECK_HOST_INTERVAL_MS', path: 'check.hostIntervalMs', type: 'integer' },
  { name: 'CITECHECK_TIMEOUT_MS', path: 'check.totalTimeoutMs', type: 'integer' },
  { name: 'CITECHECK_USER_AGENT', path: 'check.userAgent', type: 'string' },
  { name: 'CITECHECK_ALLOW_PRIVATE', path: 'check.allowPrivate', type: 'boolean' },
  { name: 'CITECHECK_STORE', path: 'storePath', type: 'string' },
  { name: 'CITECHECK_LOG_LEVEL', path: 'logLevel', type: 'string' },
  { name: 'CITECHECK_WAYBACK_URL', path: 'archive.waybackBaseUrl', type: 'string' },
  { name: 'CITECHECK_AVAILABILITY_URL', path: 'archive.availabilityBaseUrl', type: 'string' },
];

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

function parseEnvValue(variable: EnvVar, raw: string): string | number | boolean {
  const value = raw.trim();
  switch (variable.type) {
    case 'integer':
      if (!/^\d+$/.test(value)) {
        throw new ConfigError(`${variable.name}: expected a whole number, got ${JSON.stringify(raw)}`);
      }
      return Number(value);
    case 'boolean':
      if (TRUE_WORDS.has(value.toLowerCase())) return true;
      if (FALSE_WORDS.has(value.toLowerCase())) return false;
      throw new ConfigError(`${variable.name}: expected true or false (or 1/0, yes/no), got ${JSON.stringify(raw)}`);
    case 'string':
      return raw;
  }
}

/** The config layer the environment sets. Ranges and enums are checked later, by the schema. */
export function readEnvLayer(env: Record<string, string | undefined>): DeepPartial<ConfigInput> {
  const layer: Record<string, unknown> = {};
  for (const variable of ENV_VARS) {
    const raw = env[variable.name];
    if (raw === undefined || raw === '') continue;
    setAtPath(layer, variable.path.split('.'), parseEnvValue(variable, raw));
  }
  return layer as DeepPartial<ConfigInput>;
}

/** The variable that set `path`, to name it in a validation error. */
export function envVarFor(path: string): EnvVar | undefined {
  return ENV_VARS.find((variable) => variable.path === path);
}
