#!/usr/bin/env node
/**
 * Starts the simulated web of one scenario and leaves it running, for profiling a tool by
 * hand: `node bench/serve.mjs --size 10k --out /tmp/sim` writes `urls.txt` and
 * `citecheck.config.json` there, then e.g.
 * `node --cpu-prof bench/tools/citecheck-driver.mjs /tmp/sim/citecheck.config.json /tmp/sim/urls.txt /tmp/sim/out.json`.
 * Ctrl-C prints the politeness report and stops.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPolitenessMonitor } from './lib/politeness-monitor.mjs';
import { generateScenario, SIZES } from './lib/scenario.mjs';
import { findFreePort, startSimWeb } from './lib/sim-web.mjs';
import { citecheckConfig, DEFAULT_POLICY } from './tools/citecheck.mjs';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10k' },
    seed: { type: 'string', default: '7' },
    out: { type: 'string', default: 'bench/.work/serve' },
  },
});
const size = SIZES[values.size] ?? Number(values.size);
const port = await findFreePort();
const scenario = generateScenario({ size, port, seed: Number(values.seed) });
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'urls.txt'), `${scenario.citations.join('\n')}\n`);
writeFileSync(
  join(values.out, 'citecheck.config.json'),
  JSON.stringify(citecheckConfig(DEFAULT_POLICY, `${scenario.hosts[0].origin}/`)),
);
const monitor = createPolitenessMonitor(DEFAULT_POLICY);
const web = await startSimWeb(scenario, monitor);
process.stderr.write(`serving ${scenario.urls.length} unique URLs on ${scenario.hostCount + 1} hosts, port ${port}\n`);
process.once('SIGINT', async () => {
  const { perHost, shortGaps, ...totals } = monitor.report();
  process.stderr.write(`${JSON.stringify(totals)}\n`);
  monitor.stop();
  await web.close();
});
