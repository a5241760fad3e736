/**
 * Runs one tool as a child process and measures it from outside: wall time, peak RSS and
 * CPU time (GNU time's -v report when /usr/bin/time exists, else polling /proc/<pid>/status
 * VmHWM, which then misses grandchildren).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

function parseGnuTime(text) {
  const field = (label) => {
    const match = new RegExp(`${label}[^:]*:\\s*([\\d.]+)`).exec(text);
    return match ? Number(match[1]) : null;
  };
  return {
    peakRssMb: (field('Maximum resident set size') ?? 0) / 1024,
    cpuS: (field('User time') ?? 0) + (field('System time') ?? 0),
  };
}

function readVmHwmKb(pid) {
  try {
    const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * @param {{ command: string, args: string[], cwd?: string, env?: Record<string,string>, timeoutMs: number, niceness?: number }} spec
 *   `niceness`: added to this process's niceness for the tool (and GNU time)
 * @returns {Promise<{ wallMs: number, peakRssMb: number, cpuS: number|null, exitCode: number|null, timedOut: boolean, stdout: string, stderr: string }>}
 */
export function measureProcess(spec) {
  const useGnuTime = existsSync(GNU_TIME);
  const stamp = `${process.pid}-${Date.now()}`;
  const timeFile = join(tmpdir(), `citecheck-bench-time-${stamp}.txt`);
  // Files, not pipes: a tool that calls process.exit() with piped stdout loses its output.
  const outFile = join(tmpdir(), `citecheck-bench-out-${stamp}.txt`);
  const errFile = join(tmpdir(), `citecheck-bench-err-${stamp}.txt`);
  const outFd = openSync(outFile, 'w');
  const errFd = openSync(errFile, 'w');
  const timed = useGnuTime
    ? [GNU_TIME, '-v', '-o', timeFile, spec.command, ...spec.args]
    : [spec.command, ...spec.args];
  // `nice` adds to the caller's niceness: a runner at -5 starts its tools back at 0.
  const [command, ...args] = spec.niceness ? ['nice', '-n', String(spec.niceness), ...timed] : timed;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', outFd, errFd],
      detached: true,
    });
    let hwmKb = 0;
    const poll = useGnuTime ? null : setInterval(() => (hwmKb = Math.max(hwmKb, readVmHwmKb(child.pid))), 100);
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      // The whole process group: GNU time, the tool and anything it spawned.
      process.kill(-child.pid, 'SIGKILL');
    }, spec.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      closeSync(outFd);
      closeSync(errFd);
      const stdout = readFileSync(outFile, 'utf8');
      const stderr = readFileSync(errFile, 'utf8');
      rmSync(outFile, { force: true });
      rmSync(errFile, { force: true });
      clearTimeout(killer);
      if (poll) clearInterval(poll);
      let peakRssMb = hwmKb / 1024;
      let cpuS = null;
      if (useGnuTime && existsSync(timeFile)) {
        ({ peakRssMb, cpuS } = parseGnuTime(readFileSync(timeFile, 'utf8')));
        rmSync(timeFile, { force: true });
      }
      resolve({
        wallMs,
        peakRssMb,
        cpuS,
        exitCode: code,
        timedOut,
        stdout,
        stderr,
      });
    });
  });
}
