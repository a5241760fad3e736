import { describe, expect, it } from 'vitest';
import { LinkList, NoteReferenceList } from '../../../src/extract/structured-lists.js';
import { sortedByStart, startingWithin } from '../../../src/extract/structured-ranges.js';

describe('NoteReferenceList', () => {
  // 10,000 rows cross the first chunk's doublings and two 4,096-row chunk boundaries.
  const count = 10_000;
  const references = new NoteReferenceList();
  for (let index = 0; index < count; index++) {
    references.push({ start: index * 10, end: index * 10 + 3, noteId: `n${index % 7}`, sourceStart: index * 20 });
  }

  it('reads every row back as it was pushed, by index and in order', () => {
    expect(references.length).toBe(count);
    for (const index of [0, 31, 32, 4095, 4096, 8192, count - 1]) {
      expect(references.at(index)).toEqual({
        start: index * 10,
        end: index * 10 + 3,
        noteId: `n${index % 7}`,
        sourceStart: index * 20,
      });
    }
    expect(references.at(count)).toBeUndefined();
    expect(references.at(-1)).toBeUndefined();
    expect([...references].map((reference) => reference.start)).toEqual(
      Array.from({ length: count }, (_, index) => index * 10),
    );
  });

  it('is searched like an array of the same references', () => {
    const asArray = [...references];
    const range = { start: 40_955, end: 41_005 };
    expect(startingWithin(references, range)).toEqual(startingWithin(asArray, range));
    expect(startingWithin(references, range).map((reference) => reference.start)).toEqual([
      40_960, 40_970, 40_980, 40_990, 41_000,
    ]);
    expect(sortedByStart(references)).toBe(references);
  });

  it('is sorted as objects by sortedByStart when its rows are out of order', () => {
    const unsorted = new NoteReferenceList();
    for (const start of [5, 1, 3]) unsorted.push({ start, end: start + 1, noteId: 'x', sourceStart: start });
    expect(sortedByStart(unsorted)).not.toBe(unsorted);
    expect(sortedByStart(unsorted).at(0)?.start).toBe(1);
    expect([...sortedByStart(unsorted)].map((reference) => reference.start)).toEqual([1, 3, 5]);
  });
});

describe('LinkList', () => {
  const source = 'See https://example.org/a and <https://example.org/b?x=1>.';

  it('reads a source link back from the source, offsets and href as written', () => {
    const links = new LinkList(source);
    const at = source.indexOf('https://example.org/a');
    links.pushSourceLink(4, 25, at, 21, 21, at, at + 21);
    const link = links.at(0)!;
    expect(link).toMatchObject({ start: 4, end: 25, hrefOffset: at, sourceStart: at, sourceEnd: at + 21 });
    expect(link.href).toBe('https://example.org/a');
    expect(link.hrefText).toBe('https://example.org/a');
  });

  it('keeps a link whose href is not the source as written as the object given, in its place', () => {
    const links = new LinkList(source);
    const own = {
      start: 30,
      end: 55,
      href: 'https://example.org/b?x=1',
      hrefText: 'https://example.org/b?x=1',
      hrefOffset: null,
      sourceStart: 29,
      sourceEnd: 57,
    };
    const at = source.indexOf('https://example.org/a');
    links.pushSourceLink(4, 25, at, 21, 21, at, at + 21);
    links.push(own);
    expect(links.length).toBe(2);
    expect(links.at(1)).toBe(own);
    expect([...links].map((link) => link.href)).toEqual(['https://example.org/a', 'https://example.org/b?x=1']);
    expect(startingWithin(links, { start: 26, end: 60 })).toEqual([own]);
    expect(sortedByStart(links)).toBe(links);
  });
});
