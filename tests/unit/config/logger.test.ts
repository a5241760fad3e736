import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/config/logger.js';

function capture(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('is quiet by default: warnings and errors only, one JSON object per line', () => {
    const out = capture();
    const logger = createLogger(undefined, out.stream);
    logger.info('progress chatter');
    logger.warn({ store: '/x/results.db' }, 'skipping a row');
    expect(out.lines()).toEqual([
      expect.objectContaining({ level: 40, name: 'citecheck', msg: 'skipping a row', store: '/x/results.db' }),
    ]);
  });

  it('honours the level it is given', () => {
    const out = capture();
    const logger = createLogger('debug', out.stream);
    logger.debug('detail');
    logger.trace('too fine');
    expect(out.lines().map((line) => line.msg)).toEqual(['detail']);
    const silent = capture();
    createLogger('silent', silent.stream).fatal('nothing');
    expect(silent.lines()).toEqual([]);
  });
});
