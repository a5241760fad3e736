import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../src/config/json-syntax-error.js';

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"a": }', 1, 7, 'unexpected "}"'],
    ['{"a": 1,\n "b" 2}', 2, 6, "expected ':' after the property name"],
    ['{"a": 1,}', 1, 9, "trailing comma before '}'"],
    ['[1, 2', 1, 6, 'unexpected end of file'],
    ["{'a': 1}", 1, 2, 'expected a double-quoted property name'],
    ['{"a": "line\nbreak"}', 1, 12, 'unescaped control character (a line break?) in string'],
    ['{"a": "\\x"}', 1, 9, 'invalid escape in string'],
    ['{"a": 01}', 1, 8, "expected ',' or '}'"],
    ['{} {}', 1, 4, 'unexpected text after the end of the JSON value'],
    ['', 1, 1, 'unexpected end of file'],
  ])('locates the error in %j', (text, line, column, problem) => {
    expect(findJsonSyntaxError(text)).toEqual({ line, column, problem });
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 30 })), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === null).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});
