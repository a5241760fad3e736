/**
 * Runs citecheck's checker in its own process (so the runner measures its RSS and CPU
 * alone): reads the citations' URLs, builds link keys, calls `checkLinks` from the built
 * `dist/`, writes `{ url, key, kind }` per result and the run's totals as JSON.
 * Usage: node citecheck-driver.mjs <config.json> <urls.txt> <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CheckConfigSchema } from '../../dist/model/config.js';

const [configPath, urlsPath, outPath] = process.argv.slice(2);
const { checkLinks } = await import('../../dist/check/index.js');
const linkKeyOf = await import('../../dist/extract/link-key.js').then(
  (m) => m.linkKeyOf,
  () => (url) => {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  },
);

const config = CheckConfigSchema.parse(JSON.parse(readFileSync(configPath, 'utf8')));
const targets = readFileSync(urlsPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((url) => ({ key: linkKeyOf(url), url }));
// How late this process's timers fire: a loaded machine delays writes past the scheduler's stamps.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const started = performance.now();
const run = await checkLinks(targets, config);
const elapsedMs = performance.now() - started;
loopDelay.disable();
writeFileSync(
  outPath,
  JSON.stringify({
    elapsedMs,
    cpu: process.cpuUsage(),
    loopDelayMs: {
      p50: loopDelay.percentile(50) / 1e6,
      p99: loopDelay.percentile(99) / 1e6,
      max: loopDelay.max / 1e6,
    },
    network: run.network.state,
    interrupted: run.interrupted,
    results: run.results.map((r) => ({ url: r.url, key: r.key, kind: r.verdict.kind, rule: r.verdict.evidence.rule })),
  }),
);
