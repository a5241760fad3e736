import { type CheckDeps, type CheckRun, checkLinks } from '../../../src/check/index.js';
import { type CheckConfig, CheckConfigSchema } from '../../../src/model/config.js';
import type { LinkResult } from '../../../src/model/link-result.js';

/**
 * Short timeouts, small intervals and loopback canaries: real defaults would point at the
 * internet and wait seconds. Canaries default to a closed loopback port (nothing answers).
 */
export function testConfig(overrides: Partial<CheckConfig> = {}): CheckConfig {
  return CheckConfigSchema.parse({
    allowPrivate: true,
    hostIntervalMs: 0,
    connectTimeoutMs: 500,
    headersTimeoutMs: 400,
    totalTimeoutMs: 1_500,
    retries: 2,
    retryBaseDelayMs: 20,
    maxRetryAfterMs: 3_000,
    soft404Probe: false,
    canaryUrls: ['http://127.0.0.1:9/'],
    ...overrides,
  });
}

export async function checkUrls(
  urls: string[],
  overrides: Partial<CheckConfig> = {},
  deps: CheckDeps = {},
): Promise<CheckRun> {
  return checkLinks(
    urls.map((url) => ({ key: url, url })),
    testConfig(overrides),
    deps,
  );
}

/** The one result of a run over one URL. */
export async function checkOne(
  url: string,
  overrides: Partial<CheckConfig> = {},
  deps: CheckDeps = {},
): Promise<LinkResult> {
  const run = await checkUrls([url], overrides, deps);
  const [result] = run.results;
  if (!result || run.results.length !== 1) throw new Error(`expected one result, got ${run.results.length}`);
  return result;
}
