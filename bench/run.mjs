#!/usr/bin/env node
/**
 * `npm run bench`: citecheck and the link checkers a user would otherwise pick, side by side
 * on the same seeded simulated web, on loopback only. See bench/README.md.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDocuments } from './lib/documents.mjs';
import { computeLowerBound, computeObservedBound } from './lib/lower-bound.mjs';
import { measureProcess } from './lib/measure.mjs';
import { createPolitenessMonitor, DEFAULT_TOLERANCE_MS } from './lib/politeness-monitor.mjs';
import { generateScenario, SIZES } from './lib/scenario.mjs';
import { normalizeUrl, scoreVerdicts } from './lib/score.mjs';
import { findFreePort, startSimWeb } from './lib/sim-web.mjs';
import { renderTable } from './lib/table.mjs';
import { judgeWire, startWireWitness } from './lib/wire-witness.mjs';
import { citecheck, DEFAULT_POLICY } from './tools/citecheck.mjs';
import { citecheckCli } from './tools/citecheck-cli.mjs';
import { linkchecker } from './tools/linkchecker.mjs';
import { linkinator, linkinatorDefault } from './tools/linkinator.mjs';
import { markdownLinkCheck } from './tools/markdown-link-check.mjs';
import { undiciFloor } from './tools/undici-floor.mjs';

const TOOLS = [citecheck, citecheckCli, undiciFloor, linkinator, linkinatorDefault, markdownLinkCheck, linkchecker];
const HELP = `Usage: npm run bench -- [options]
  --sizes 1k,10k         scenario sizes (links cited; 1k, 10k, 100k or a number)
  --peer-max 1k          largest size the peers run at (they are slow; citecheck runs at all)
  --tools a,b            among: ${TOOLS.map((t) => t.name).join(', ')}
  --runs 3               runs per tool and size (median wall time)
  --seed 7  --hosts N  --zipf 1
  --host-concurrency 2  --host-interval 25  --concurrency 64  --retries 3
  --tool-timeout 900     seconds before a tool run is killed
  --wire auto            also judge the interval rule from the kernel's receive times on lo
                         (lib/wire-witness.py; needs python3 and root): auto, on or off
  --keep                 keep the work directory (documents, tool outputs)
  --tag NAME             write bench/results/<date>-NAME.json instead of <date>.json
`;

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1k,10k' },
    'peer-max': { type: 'string', default: '1k' },
    tools: { type: 'string', default: TOOLS.map((t) => t.name).join(',') },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    hosts: { type: 'string' },
    zipf: { type: 'string', default: '1' },
    'host-concurrency': { type: 'string', default: '2' },
    'host-interval': { type: 'string', default: '25' },
    concurrency: { type: 'string', default: '64' },
    retries: { type: 'string', default: '3' },
    'tool-timeout': { type: 'string', default: '900' },
    keep: { type: 'boolean', default: false },
    wire: { type: 'string', default: 'auto' },
    tag: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const sizeOf = (text) => SIZES[text] ?? Number(text);
const policy = {
  ...DEFAULT_POLICY,
  concurrency: Number(flags.concurrency),
  hostConcurrency: Number(flags['host-concurrency']),
  hostIntervalMs: Number(flags['host-interval']),
  retries: Number(flags.retries),
};
const sizes = flags.sizes.split(',').map(sizeOf);
const peerMax = sizeOf(flags['peer-max']);
const runs = Number(flags.runs);
const wanted = new Set(flags.tools.split(','));
const tools = TOOLS.filter((t) => wanted.has(t.name) && (t.available?.() ?? true));
const benchDir = import.meta.dirname;
// Inside the repo (gitignored), not /tmp: a shared machine's tmp cleaners cannot pull it away mid-run.
const workRoot = join(benchDir, '.work', `run-${process.pid}`);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The servers are the witness of politeness, and they share two cores with the tool they
 * watch: when the tool (and its GC threads) hold both cores, a request waits in its socket
 * until the servers' loop is scheduled again, and is stamped late (bench/README.md,
 * "Politeness"). So the runner's main thread, where the servers live, asks to run ahead of
 * the tool, which is started back at the machine's default niceness: the tool gets the CPU
 * it got before, and a waking server no longer waits behind it. Raising priority needs
 * CAP_SYS_NICE (root); without it everything runs at the same niceness, as the JSON records.
 */
const SERVER_NICENESS = -5;
function raiseServerPriority() {
  try {
    os.setPriority(SERVER_NICENESS);
  } catch {
    // Not permitted: the servers run at the tool's niceness.
  }
  return os.getPriority();
}
const serverNiceness = raiseServerPriority();

async function runOnce(tool, scenario, files, workDir) {
  const monitor = createPolitenessMonitor({
    hostConcurrency: policy.hostConcurrency,
    hostIntervalMs: policy.hostIntervalMs,
    toleranceMs: DEFAULT_TOLERANCE_MS,
  });
  const web = await startSimWeb(scenario, monitor);
  const wire = flags.wire === 'off' ? null : await startWireWitness(scenario.port);
  if (wire?.unavailable && flags.wire === 'on') throw new Error(wire.unavailable);
  try {
    const spec = tool.command({ scenario, files, policy, workDir });
    const measured = await measureProcess({
      ...spec,
      niceness: -serverNiceness,
      timeoutMs: Number(flags['tool-timeout']) * 1000,
    });
    const politeness = monitor.report();
    const wirePoliteness = wire?.stop
      ? judgeWire(await wire.stop(), {
          hosts: scenario.hosts,
          hostIntervalMs: policy.hostIntervalMs,
          toleranceMs: DEFAULT_TOLERANCE_MS,
        })
      : { unavailable: wire?.unavailable ?? 'off (--wire off)' };
    let verdicts = new Map();
    let parseError = null;
    try {
      for (const [url, category] of tool.parse({ ...measured, outputFile: spec.outputFile })) {
        verdicts.set(normalizeUrl(url), category);
      }
    } catch (error) {
      parseError = String(error);
      verdicts = new Map();
    }
    if (tool.unreported && !parseError) {
      for (const u of scenario.urls) {
        const key = normalizeUrl(u.url);
        if (!verdicts.has(key)) verdicts.set(key, tool.unreported);
      }
    }
    const score = scoreVerdicts(scenario.urls, verdicts);
    const wrong = scenario.urls
      .filter((u) => !u.acceptable.includes(verdicts.get(normalizeUrl(u.url))))
      .slice(0, 25)
      .map((u) => ({
        url: u.url,
        behaviour: u.behaviour,
        truth: u.truth,
        said: verdicts.get(normalizeUrl(u.url)) ?? null,
      }));
    let details = null;
    try {
      details = tool.details?.({ ...measured, outputFile: spec.outputFile }) ?? null;
    } catch {
      details = null;
    }
    return {
      details,
      wallMs: Math.round(measured.wallMs),
      peakRssMb: Math.round(measured.peakRssMb),
      cpuS: measured.cpuS,
      exitCode: measured.exitCode,
      timedOut: measured.timedOut,
      parseError,
      stderrTail: measured.stderr.slice(-400),
      score,
      wrong,
      politeness: {
        requests: politeness.requests,
        violations: politeness.violations,
        concurrencyViolations: politeness.concurrencyViolations,
        intervalViolations: politeness.intervalViolations,
        uncertain: politeness.uncertain,
        shortGaps: politeness.shortGaps,
        overlaps: politeness.overlaps,
        maxInFlight: politeness.maxInFlight,
        worstHosts: Object.entries(politeness.perHost)
          .filter(([, h]) => h.violations > 0)
          .sort((a, b) => b[1].violations - a[1].violations)
          .slice(0, 10)
          .map(([host, h]) => ({ host, ...h })),
      },
      wire: wirePoliteness,
      observedBoundMs: computeObservedBound(scenario, policy, politeness.perHost),
    };
  } finally {
    wire?.abandon?.();
    monitor.stop();
    await web.close();
  }
}

const machine = {
  date: new Date().toISOString(),
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  /** Niceness of the simulated web's servers; the tools run at 0 (see `raiseServerPriority`). */
  serverNiceness,
};
const outFile = join(benchDir, 'results', `${machine.date.slice(0, 10)}${flags.tag ? `-${flags.tag}` : ''}.json`);
/** Written after every tool, so an interrupted bench keeps what it measured. */
function saveResults(results, complete) {
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify({ machine, policy, flags, complete, results }, null, 2)}\n`);
}

const results = [];
for (const size of sizes) {
  const port = await findFreePort();
  const scenario = generateScenario({
    size,
    port,
    seed: Number(flags.seed),
    zipf: Number(flags.zipf),
    ...(flags.hosts ? { hosts: Number(flags.hosts) } : {}),
  });
  const workDir = join(workRoot, String(size));
  mkdirSync(workDir, { recursive: true });
  const files = writeDocuments(scenario, workDir);
  const bound = computeLowerBound(scenario, policy);
  for (const tool of tools) {
    if (tool !== citecheck && tool !== citecheckCli && tool !== undiciFloor && size > peerMax) continue;
    const toolRuns = [];
    for (let i = 0; i < runs; i++) {
      process.stderr.write(`bench: ${tool.name} at ${size} links, run ${i + 1}/${runs}...\n`);
      const run = await runOnce(tool, scenario, files, workDir);
      process.stderr.write(
        `  ${run.wallMs} ms, ${run.peakRssMb} MB, ${run.score.definiteCorrectPct.toFixed(2)}% definite correct, ${run.politeness.violations} violations (${run.politeness.uncertain} uncertain; wire: ${run.wire.unavailable ? 'n/a' : `${run.wire.intervalViolations} short gaps, min ${run.wire.minGapMs} ms, ${run.wire.drops} dropped`})${run.timedOut ? ' (TIMED OUT)' : ''}${run.parseError ? ` (parse error: ${run.parseError})` : ''}\n`,
      );
      toolRuns.push(run);
    }
    const wallMs = median(toolRuns.map((r) => r.wallMs));
    const cpuS = median(toolRuns.map((r) => r.cpuS ?? 0));
    results.push({
      tool: tool.name,
      settings: tool.settings(policy),
      size,
      hosts: scenario.hostCount + 1,
      uniqueUrls: scenario.urls.length,
      lowerBoundMs: bound.boundMs,
      bottleneckHost: bound.bottleneckHost,
      wallMsMedian: wallMs,
      ratioToBound: wallMs / bound.boundMs,
      peakRssMbMax: Math.max(...toolRuns.map((r) => r.peakRssMb)),
      cpuMsPerLink: (cpuS * 1000) / size,
      definiteCorrectPctMin: Math.min(...toolRuns.map((r) => r.score.definiteCorrectPct)),
      falseRotMax: Math.max(...toolRuns.map((r) => r.score.falseRot)),
      missedRotMax: Math.max(...toolRuns.map((r) => r.score.missedRot)),
      transientCalledRotMax: Math.max(...toolRuns.map((r) => r.score.transientCalledRot)),
      inconclusiveKeptMin: Math.min(...toolRuns.map((r) => r.score.inconclusiveKept)),
      inconclusive: toolRuns[0].score.inconclusive,
      violationsMax: Math.max(...toolRuns.map((r) => r.politeness.violations)),
      wireViolationsMax: toolRuns.some((r) => r.wire.unavailable)
        ? null
        : Math.max(...toolRuns.map((r) => r.wire.intervalViolations)),
      runs: toolRuns,
    });
    saveResults(results, false);
  }
}

const table = renderTable(results, machine, policy);
process.stdout.write(table);
saveResults(results, true);
process.stderr.write(`bench: wrote ${outFile}\n`);
if (!flags.keep) rmSync(workRoot, { recursive: true, force: true });
else process.stderr.write(`bench: kept ${workRoot}\n`);
