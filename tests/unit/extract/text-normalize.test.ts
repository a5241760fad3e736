import { describe, expect, it } from 'vitest';
import {
  decodeLooseEntities,
  hasIrregularSpace,
  isWhitespaceCode,
  normalizeFieldText,
} from '../../../src/extract/text-normalize.js';

describe('decodeLooseEntities', () => {
  it('decodes terminated, unterminated and misspelled quote entities', () => {
    expect(decodeLooseEntities('&ldquoAl-Qaeda affiliate,&rdquo Deutsche')).toBe('“Al-Qaeda affiliate,” Deutsche');
    expect(decodeLooseEntities('Says ‘Emir&srquo; of')).toBe('Says ‘Emir’ of');
    expect(decodeLooseEntities('it&rsquo;s &amp; &#8220;x&#x201D;')).toBe('it’s & “x”');
  });

  it('leaves ampersands that are not entities alone', () => {
    expect(decodeLooseEntities('AT&T, R&D, a=1&b=2, &ltd, &lt=5, &unknown;')).toBe(
      'AT&T, R&D, a=1&b=2, &ltd, &lt=5, &unknown;',
    );
    expect(decodeLooseEntities('&#0; &#xD800;')).toBe('&#0; &#xD800;');
  });
});

describe('normalizeFieldText', () => {
  it('turns no-break spaces and &nbsp; into spaces and collapses runs', () => {
    expect(normalizeFieldText('  2020,\u00a0 https&nbsp;x\u200b ')).toBe('2020, https x');
  });
});

describe('whitespace helpers', () => {
  it('agree with JS \\s, plus the zero-width space', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const expected = /\s/.test(String.fromCharCode(code)) || code === 0x200b;
      if (isWhitespaceCode(code) !== expected) expect.fail(`U+${code.toString(16)}`);
    }
  });

  it('tell single spaces from anything else', () => {
    expect(hasIrregularSpace('a b c')).toBe(false);
    expect(hasIrregularSpace('a  b')).toBe(true);
    expect(hasIrregularSpace('a\u00a0b')).toBe(true);
    expect(hasIrregularSpace('a\nb')).toBe(true);
  });
});
