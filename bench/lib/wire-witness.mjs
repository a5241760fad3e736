/**
 * Politeness as the wire saw it: starts wire-witness.py (kernel receive times of request heads
 * on lo; needs root) around a tool run and judges the interval rule from those times, as the
 * servers' monitor does from its own stamps. The servers' stamps run late when their loop
 * stalls; the kernel's do not, so where the two disagree the wire is the better witness.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, 'wire-witness.py');
const READY_TIMEOUT_MS = 5_000;
const MAX_GAPS_KEPT = 50;

/**
 * @returns {Promise<{ stop: () => Promise<{ arrivals: Map<string, number[]>, drops: number }>, abandon: () => void } | { unavailable: string }>}
 *   arrivals: kernel receive times (ms, fractional) of request heads, by destination address.
 */
export async function startWireWitness(port) {
  const child = spawn('python3', [SCRIPT, String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const arrivals = new Map();
  let drops = null;
  let pending = '';
  let stderr = '';
  let markReady;
  const ready = new Promise((resolve) => {
    markReady = resolve;
  });
  const onLine = (line) => {
    if (line === 'READY') markReady(true);
    else if (line.startsWith('DROPS ')) drops = Number(line.slice(6));
    else if (line) {
      const [ns, address] = line.split(' ');
      const list = arrivals.get(address) ?? [];
      if (list.length === 0) arrivals.set(address, list);
      list.push(Number(BigInt(ns) / 1000n) / 1000);
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) onLine(line);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  child.once('error', (error) => {
    stderr += String(error);
  });
  const exited = new Promise((resolve) => child.once('close', resolve));
  let timer;
  const started = await Promise.race([
    ready,
    exited.then(() => false),
    new Promise((resolve) => {
      timer = setTimeout(resolve, READY_TIMEOUT_MS, false);
    }),
  ]);
  clearTimeout(timer);
  if (!started) {
    child.kill('SIGKILL');
    const reason = stderr.trim().split('\n').pop() || 'did not start';
    return { unavailable: `wire witness unavailable (needs python3 and root): ${reason}` };
  }
  return {
    /** Ends a run whose result is not wanted (the tool failed): no capture left behind. */
    abandon: () => child.kill('SIGKILL'),
    async stop() {
      child.stdin.end();
      await exited;
      if (pending) onLine(pending);
      return { arrivals, drops: drops ?? Number.NaN };
    },
  };
}

/**
 * Requests on one host that arrived closer than `hostIntervalMs - toleranceMs` to the one
 * before, by the kernel's clock; only the scenario's hosts are judged (not the fake Wayback API).
 */
export function judgeWire({ arrivals, drops }, { hosts, hostIntervalMs, toleranceMs }) {
  let requests = 0;
  let intervalViolations = 0;
  let minGapMs = Number.POSITIVE_INFINITY;
  const shortGaps = [];
  for (const host of hosts) {
    const times = (arrivals.get(host.address) ?? []).sort((a, b) => a - b);
    requests += times.length;
    for (let i = 1; i < times.length; i++) {
      const gapMs = times[i] - times[i - 1];
      minGapMs = Math.min(minGapMs, gapMs);
      if (gapMs >= hostIntervalMs - toleranceMs) continue;
      intervalViolations++;
      if (shortGaps.length < MAX_GAPS_KEPT) shortGaps.push({ host: host.address, gapMs: Math.round(gapMs * 10) / 10 });
    }
  }
  return {
    requests,
    intervalViolations,
    minGapMs: Number.isFinite(minGapMs) ? Math.round(minGapMs * 10) / 10 : null,
    shortGaps,
    drops,
  };
}
