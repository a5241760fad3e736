import { describe, expect, it } from 'vitest';
import { parseCitationDate, resolveReferenceDate } from '../../../src/archive/reference-date.js';

describe('parseCitationDate', () => {
  it.each([
    ['accessed August 6, 2022', '2022-08-06', '2022-08-06'],
    ['February 18, 2021', '2021-02-18', '2021-02-18'],
    ['last updated September 23, 2014', '2014-09-23', '2014-09-23'],
    ['2021-03-04', '2021-03-04', '2021-03-04'],
    ['Retrieved 2021-03-04T10:00:00Z', '2021-03-04', '2021-03-04'],
    ['6 August 2022', '2022-08-06', '2022-08-06'],
    ['Accessed Sept. 3rd, 2019.', '2019-09-03', '2019-09-03'],
    ['Aug 6 2022', '2022-08-06', '2022-08-06'],
    ['March 2017', '2017-03-01', '2017-03-31'],
    ['February 2024', '2024-02-01', '2024-02-29'],
    ['2020-02', '2020-02-01', '2020-02-29'],
    ['2018', '2018-01-01', '2018-12-31'],
    ['(2018).', '2018-01-01', '2018-12-31'],
  ])('%s -> %s..%s', (text, from, to) => {
    expect(parseCitationDate(text)).toEqual({ from, to });
  });

  it('reads a winter issue as December of the year before through March', () => {
    expect(parseCitationDate('Winter 2020')).toEqual({ from: '2019-12-01', to: '2020-03-31' });
  });

  it('reads the other seasons as the meteorological season plus one month', () => {
    expect(parseCitationDate('Spring 2019')).toEqual({ from: '2019-03-01', to: '2019-06-30' });
    expect(parseCitationDate('Fall 2015')).toEqual({ from: '2015-09-01', to: '2015-12-31' });
    expect(parseCitationDate('summer 2001')).toEqual({ from: '2001-06-01', to: '2001-09-30' });
  });

  it.each([['no date at all'], ['February 30, 2021'], ['2021-13-01'], ['accessed 31 April 2020'], ['page 12'], ['']])(
    'returns null for %j',
    (text) => {
      expect(parseCitationDate(text)).toBeNull();
    },
  );

  it('prefers the most precise form present', () => {
    expect(parseCitationDate('Spring 2019, accessed May 2, 2019')).toEqual({ from: '2019-05-02', to: '2019-05-02' });
  });
});

describe('resolveReferenceDate', () => {
  const documentDate = new Date('2024-05-06T12:00:00Z');

  it('prefers the accessed date', () => {
    expect(resolveReferenceDate({ accessed: 'accessed August 6, 2022', date: '2018' }, documentDate)).toEqual({
      from: '2022-08-06',
      to: '2022-08-06',
      source: 'accessed',
      text: 'accessed August 6, 2022',
    });
  });

  it('falls back to the published date when the accessed date is absent or unreadable', () => {
    const expected = { from: '2018-01-01', to: '2018-12-31', source: 'published', text: '2018' };
    expect(resolveReferenceDate({ accessed: null, date: '2018' }, documentDate)).toEqual(expected);
    expect(resolveReferenceDate({ accessed: 'accessed recently', date: '2018' }, documentDate)).toEqual(expected);
  });

  it('falls back to the document date, then to null', () => {
    expect(resolveReferenceDate({ accessed: null, date: null }, documentDate)).toEqual({
      from: '2024-05-06',
      to: '2024-05-06',
      source: 'document',
      text: null,
    });
    expect(resolveReferenceDate({ accessed: null, date: null }, null)).toBeNull();
    expect(resolveReferenceDate({ accessed: null, date: null }, new Date(Number.NaN))).toBeNull();
  });
});
