/**
 * Runs citecheck's checker in its own process (so the runner measures its RSS and CPU
 * alone): reads the citations' URLs, builds link keys, calls `checkLinks` from the built
 * `dist/`, writes `{ url, key, kind }` per result and the run's totals as JSON.
 * Usage: node citecheck-driver.mjs <config.json> <urls.txt> <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
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
const started = performance.now();
const run = await checkLinks(targets, config);
const elapsedMs = performance.now() - started;
writeFileSync(
  outPath,
  JSON.stringify({
    elapsedMs,
    cpu: process.cpuUsage(),
    network: run.network.state,
    interrupted: run.interrupted,
    results: run.results.map((r) => ({ url: r.url, key: r.key, kind: r.verdict.kind, rule: r.verdict.evidence.rule })),
  }),
);
