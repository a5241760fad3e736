import type { Writable } from 'node:stream';
import type { Clock } from '../deps.js';
import { LINK_VERDICT_KINDS, type LinkVerdictKind } from '../model/link-result.js';

export interface ProgressDisplay {
  /** One more link is done. */
  tick(kind: LinkVerdictKind, done: number): void;
  /** Clears the bar so the summary starts on a clean line. */
  finish(): void;
}

const BAR_CELLS = 24;
/** Redrawing more often only costs CPU; a person cannot read faster. */
const REDRAW_INTERVAL_MS = 100;

/** Seconds as `42s`, `3m05s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The bar line: done/total, rate, ETA and the count of each verdict seen so far. */
export function renderProgressLine(
  done: number,
  total: number,
  elapsedMs: number,
  counts: ReadonlyMap<LinkVerdictKind, number>,
): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * BAR_CELLS);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? formatDuration((total - done) / rate) : '?';
  const tally = LINK_VERDICT_KINDS.flatMap((kind) => {
    const n = counts.get(kind) ?? 0;
    return n > 0 ? [`${kind} ${n}`] : [];
  }).join(' · ');
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_CELLS - filled)}] ${done}/${total}  ${rate.toFixed(1)}/s  ETA ${eta}  ${tally}`;
}

/** A one-line progress bar redrawn in place on a TTY stream (stderr). */
export function createProgressDisplay(stream: Writable, total: number, clock: Clock): ProgressDisplay {
  const startedMs = clock.now();
  const counts = new Map<LinkVerdictKind, number>();
  let lastDrawMs = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    tick(kind, done) {
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      const now = clock.now();
      if (done < total && now - lastDrawMs < REDRAW_INTERVAL_MS) return;
      lastDrawMs = now;
      drawn = true;
      stream.write(`\r\x1b[2K${renderProgressLine(done, total, now - startedMs, counts)}`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
