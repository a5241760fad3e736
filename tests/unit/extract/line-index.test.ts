import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../src/extract/line-index.js';

describe('LineIndex', () => {
  it('gives 1-based line and column', () => {
    const lines = new LineIndex('ab\ncd\n\nef');
    expect(lines.position(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(lines.position(2)).toEqual({ line: 1, column: 3, offset: 2 });
    expect(lines.position(3)).toEqual({ line: 2, column: 1, offset: 3 });
    expect(lines.position(7)).toEqual({ line: 4, column: 1, offset: 7 });
    expect(lines.position(8)).toEqual({ line: 4, column: 2, offset: 8 });
  });

  it('treats CRLF and lone CR as one line break', () => {
    const lines = new LineIndex('a\r\nb\rc');
    expect(lines.position(3)).toMatchObject({ line: 2, column: 1 });
    expect(lines.position(5)).toMatchObject({ line: 3, column: 1 });
  });

  it('clamps offsets outside the text', () => {
    const lines = new LineIndex('abc');
    expect(lines.position(-5)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(lines.position(99)).toEqual({ line: 1, column: 4, offset: 3 });
  });
});
