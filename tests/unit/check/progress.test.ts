import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay, formatDuration, renderProgressLine } from '../../../src/cli/progress.js';

describe('progress display', () => {
  it('renders done/total, rate, ETA and counts per verdict', () => {
    const counts = new Map([
      ['alive', 8],
      ['broken', 2],
    ] as const);
    expect(renderProgressLine(10, 40, 5_000, counts)).toBe(
      '[######------------------] 10/40  2.0/s  ETA 15s  alive 8 · broken 2',
    );
  });

  it('formats durations', () => {
    expect([5, 65, 3_725].map(formatDuration)).toEqual(['5s', '1m05s', '1h02m']);
  });

  it('redraws at most every 100 ms but always draws the last tick', () => {
    let now = 0;
    const stream = new PassThrough();
    const writes: string[] = [];
    stream.on('data', (chunk: Buffer) => writes.push(chunk.toString()));
    const display = createProgressDisplay(stream, 3, { now: () => now });
    display.tick('alive', 1);
    now = 10;
    display.tick('alive', 2);
    now = 20;
    display.tick('offline', 3);
    display.finish();
    stream.end();
    expect(writes).toHaveLength(3);
    expect(writes[1]).toContain('3/3');
    expect(writes[1]).toContain('offline 1');
  });
});
