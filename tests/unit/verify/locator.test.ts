import { describe, expect, it } from 'vitest';
import { pagesForLocator, parsePageLocator } from '../../../src/verify/locator.js';
import type { SourceText } from '../../../src/verify/source-text.js';

function pdfWithLabels(labels: Array<string | null>): SourceText {
  return {
    kind: 'text',
    format: 'pdf',
    contentType: 'application/pdf',
    url: 'https://source.test/r.pdf',
    titles: [],
    pages: labels.map((label, i) => ({ page: i + 1, label, blocks: ['text'] })),
  };
}

describe('parsePageLocator', () => {
  it('reads the page forms citations use', () => {
    expect(parsePageLocator('133')).toEqual({ first: 133, last: 133 });
    expect(parsePageLocator(': 133')).toEqual({ first: 133, last: 133 });
    expect(parsePageLocator('p. 12')).toEqual({ first: 12, last: 12 });
    expect(parsePageLocator('pp. 12–14')).toEqual({ first: 12, last: 14 });
    expect(parsePageLocator('pp. 133-35')).toEqual({ first: 133, last: 135 });
  });
  it('is null without a number', () => {
    expect(parsePageLocator(null)).toBeNull();
    expect(parsePageLocator('chapter two')).toBeNull();
  });
});

describe('pagesForLocator', () => {
  it('prefers pages whose label is the cited number', () => {
    const source = pdfWithLabels(['i', 'ii', '1', '2', '3', '4']);
    expect(pagesForLocator(source, { first: 2, last: 2 })).toEqual({ primary: [4], nearby: [2, 3, 5, 6] });
  });
  it('falls back to the PDF index without labels, and stays inside the document', () => {
    const source = pdfWithLabels([null, null, null]);
    expect(pagesForLocator(source, { first: 3, last: 3 })).toEqual({ primary: [3], nearby: [1, 2] });
    expect(pagesForLocator(source, { first: 9, last: 9 })).toEqual({ primary: [], nearby: [] });
  });
});
