import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/verify/text.js';
import { checkTextFragment, parseTextFragment } from '../../../src/verify/text-fragment.js';

describe('parseTextFragment', () => {
  it('reads start, end, prefix and suffix, percent-decoded', () => {
    expect(parseTextFragment(':~:text=an-,average%20nitrate,12.5%25,-from')).toEqual([
      { prefix: 'an', start: 'average nitrate', end: '12.5%', suffix: 'from' },
    ]);
  });
  it('reads several directives after an element anchor and ignores other parameters', () => {
    expect(parseTextFragment('#intro:~:text=Elbe&unknown=1&text=Saxony').map((d) => d.start)).toEqual([
      'Elbe',
      'Saxony',
    ]);
  });
  it('returns nothing for a plain anchor or no fragment', () => {
    expect(parseTextFragment('section-2')).toEqual([]);
    expect(parseTextFragment(null)).toEqual([]);
  });
  it('keeps a malformed escape as written', () => {
    expect(parseTextFragment(':~:text=100%')[0]?.start).toBe('100%');
  });
});

describe('checkTextFragment', () => {
  const text = normalizeText(
    'Monitoring stations recorded an average nitrate concentration of 28.4 mg, up 12.5% from 2018.',
  );
  it('finds start-only and start,end directives ignoring case', () => {
    expect(checkTextFragment(':~:text=Average%20Nitrate', text)).toEqual({ text: 'Average Nitrate', found: true });
    expect(checkTextFragment(':~:text=average%20nitrate,12.5%25', text)?.found).toBe(true);
  });
  it('fails when the end comes before the start or any directive is missing', () => {
    expect(checkTextFragment(':~:text=12.5%25,average', text)?.found).toBe(false);
    expect(checkTextFragment(':~:text=nitrate&text=phosphate', text)?.found).toBe(false);
  });
  it('is null without text directives', () => {
    expect(checkTextFragment('top', text)).toBeNull();
  });
});
