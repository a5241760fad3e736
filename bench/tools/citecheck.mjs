/**
 * citecheck: the policy itself (global concurrency, per-host concurrency and interval,
 * retries, timeouts) with `allowPrivate` for the loopback web and a loopback canary, run
 * through `checkLinks` from `dist/` in a child process (tools/citecheck-driver.mjs).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DRIVER = join(import.meta.dirname, 'citecheck-driver.mjs');
const ROT = new Set(['broken', 'soft-404', 'server-error']);
const LIVE = new Set(['alive', 'redirected']);

/** The politeness and timeouts every tool is set to approach (see bench/README.md). */
export const DEFAULT_POLICY = {
  concurrency: 64,
  hostConcurrency: 2,
  hostIntervalMs: 25,
  retries: 3,
  retryBaseDelayMs: 200,
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 2_000,
  totalTimeoutMs: 4_000,
};

export function citecheckConfig(policy, canaryUrl) {
  return {
    concurrency: policy.concurrency,
    hostConcurrency: policy.hostConcurrency,
    hostIntervalMs: policy.hostIntervalMs,
    connectTimeoutMs: policy.connectTimeoutMs,
    headersTimeoutMs: policy.headersTimeoutMs,
    totalTimeoutMs: policy.totalTimeoutMs,
    retries: policy.retries,
    retryBaseDelayMs: policy.retryBaseDelayMs,
    allowPrivate: true,
    cache: false,
    canaryUrls: [canaryUrl],
  };
}

export const citecheck = {
  name: 'citecheck',
  settings: (policy) =>
    `concurrency ${policy.concurrency}, hostConcurrency ${policy.hostConcurrency}, hostInterval ${policy.hostIntervalMs} ms, retries ${policy.retries}, timeouts ${policy.connectTimeoutMs}/${policy.headersTimeoutMs}/${policy.totalTimeoutMs} ms, allowPrivate`,
  command({ scenario, policy, workDir }) {
    const config = join(workDir, 'citecheck.config.json');
    const urls = join(workDir, 'citecheck-urls.txt');
    const out = join(workDir, 'citecheck-out.json');
    writeFileSync(config, JSON.stringify(citecheckConfig(policy, `${scenario.hosts[0].origin}/`)));
    writeFileSync(urls, `${scenario.citations.join('\n')}\n`);
    writeFileSync(out, '');
    return { command: process.execPath, args: [DRIVER, config, urls, out], outputFile: out };
  },
  /** What the driver saw from inside: the event-loop delay explains late, bunched writes. */
  details({ outputFile }) {
    const { loopDelayMs, elapsedMs } = JSON.parse(readFileSync(outputFile, 'utf8'));
    return { loopDelayMs, elapsedMs: Math.round(elapsedMs) };
  },
  parse({ outputFile }) {
    return citecheck.categorize(JSON.parse(readFileSync(outputFile, 'utf8')).results);
  },
  /** Verdict kinds as the scorer's categories; inconclusive kinds are neither live nor rot. */
  categorize(results) {
    const verdicts = new Map();
    for (const r of results) verdicts.set(r.url, ROT.has(r.kind) ? 'rot' : LIVE.has(r.kind) ? 'live' : 'inconclusive');
    return verdicts;
  },
};
