// Child process for the interruption and full-disk tests: records `count` results into the
// store at `dbPath`, resuming the newest unfinished run when there is one, and prints
// `recorded <key>` only after each `record` returned. Modes:
//   kill      no SIGINT handler: Ctrl-C kills it between two statements (the harsh case)
//   graceful  on SIGINT, stops after the current record and marks the run interrupted
// Run with: node --import ./tests/helpers/register-ts.mjs <this file> <dbPath> <mode> <count> <delayMs> <padBytes>
import { writeSync } from 'node:fs';
import { isCitecheckError } from '../../../src/errors.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { makeResult } from './make-result.js';

const [dbPath = '', mode = 'kill', countArg = '100', delayArg = '0', padArg = '0'] = process.argv.slice(2);
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

let stopRequested = false;
if (mode === 'graceful') {
  process.on('SIGINT', () => {
    stopRequested = true;
  });
}

try {
  const store = openSqliteStore(dbPath, { busyTimeoutMs: 1_000 });
  const resumed = store.lastInterruptedRun();
  const runId = resumed?.runId ?? store.beginRun(new Date().toISOString(), { mode });
  const done = store.recordedInRun(runId);
  say(`run ${runId} ${resumed ? 'resumed' : 'new'} ${done.size}`);
  const padding = 'x'.repeat(Number(padArg));
  for (let i = 0; i < Number(countArg) && !stopRequested; i++) {
    const key = `https://site.test/${i}`;
    if (done.has(key)) continue;
    store.record(runId, makeResult(key, 'alive', new Date().toISOString(), { url: `${key}?${padding}` }));
    say(`recorded ${key}`);
    if (Number(delayArg) > 0) await new Promise((resolve) => setTimeout(resolve, Number(delayArg)));
  }
  store.finishRun(runId, new Date().toISOString(), stopRequested ? 'interrupted' : 'completed');
  store.close();
  say(stopRequested ? 'interrupted' : 'completed');
} catch (error) {
  say(`error ${isCitecheckError(error) ? error.code : 'other'} ${error instanceof Error ? error.message : ''}`);
  process.exitCode = 3;
}
