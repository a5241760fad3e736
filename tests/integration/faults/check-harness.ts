import { createHttpClient, type HttpClientDeps, httpClientOptionsFrom } from '../../../src/check/http-client.js';
import { type CheckDeps, type CheckRun, type CheckTarget, checkLinks } from '../../../src/check/index.js';
import type { LookupAll } from '../../../src/deps.js';
import { type CheckConfig, CheckConfigSchema } from '../../../src/model/config.js';
import type { LinkResult } from '../../../src/model/link-result.js';

type CheckConfigInput = Parameters<typeof CheckConfigSchema.parse>[0] & Record<string, unknown>;

/**
 * A check config for end-to-end fault and abuse scenarios: short timeouts, quick retries, no
 * interval, and never the real canaries (a test passes loopback ones or none).
 */
export function testCheckConfig(overrides: Partial<CheckConfig> = {}): CheckConfig {
  const input: CheckConfigInput = {
    retries: 2,
    retryBaseDelayMs: 10,
    connectTimeoutMs: 1_000,
    headersTimeoutMs: 600,
    totalTimeoutMs: 1_500,
    hostIntervalMs: 0,
    soft404Probe: false,
    canaryUrls: [],
    cache: false,
    ...overrides,
  };
  return CheckConfigSchema.parse(input);
}

/** A resolver that answers only from `table`; every other name is NXDOMAIN. Never the system DNS. */
export function lookupFrom(table: Record<string, string | string[] | (() => string)>): LookupAll {
  return async (hostname) => {
    const entry = table[hostname];
    if (entry === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
    }
    const value = typeof entry === 'function' ? entry() : entry;
    const addresses = Array.isArray(value) ? value : [value];
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

/** Runs `checkLinks` over a real guarded HTTP client built from the config and `clientDeps`. */
export async function runCheck(
  urls: string[],
  config: CheckConfig,
  clientDeps: HttpClientDeps,
  deps: Omit<CheckDeps, 'http'> = {},
): Promise<CheckRun & { byUrl: Map<string, LinkResult> }> {
  const http = createHttpClient(httpClientOptionsFrom(config), clientDeps);
  try {
    const targets: CheckTarget[] = urls.map((url) => ({ key: url, url }));
    const run = await checkLinks(targets, config, { ...deps, http });
    return { ...run, byUrl: new Map(run.results.map((r) => [r.url, r])) };
  } finally {
    await http.close();
  }
}

/** The verdict for `url`, failing loudly when the run has none. */
export function verdictOf(run: { byUrl: Map<string, LinkResult> }, url: string): LinkResult['verdict'] {
  const result = run.byUrl.get(url);
  if (!result) throw new Error(`no result for ${url}`);
  return result.verdict;
}
