/**
 * `undici-floor`: the transport alone (tools/undici-floor-driver.mjs), as a reference for
 * CPU and RSS. Its "verdicts" are status classes only (2xx live, 404/410 rot, rest
 * inconclusive): its accuracy column is not a claim about any checker.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DRIVER = join(import.meta.dirname, 'undici-floor-driver.mjs');

export const undiciFloor = {
  name: 'undici-floor',
  settings: (policy) =>
    `GET each unique URL once, 64 KiB body cap, per-host ${policy.hostConcurrency} in flight / ${policy.hostIntervalMs} ms; no redirects, retries or verdicts`,
  command({ scenario, policy, workDir }) {
    const config = join(workDir, 'undici-floor.policy.json');
    const urls = join(workDir, 'undici-floor-urls.txt');
    const out = join(workDir, 'undici-floor-out.json');
    writeFileSync(config, JSON.stringify(policy));
    writeFileSync(urls, `${scenario.citations.join('\n')}\n`);
    writeFileSync(out, '');
    return { command: process.execPath, args: [DRIVER, config, urls, out], outputFile: out };
  },
  parse({ outputFile }) {
    const verdicts = new Map();
    for (const r of JSON.parse(readFileSync(outputFile, 'utf8')).results) {
      const live = r.status !== null && r.status >= 200 && r.status < 300;
      verdicts.set(r.url, live ? 'live' : r.status === 404 || r.status === 410 ? 'rot' : 'inconclusive');
    }
    return verdicts;
  },
};
