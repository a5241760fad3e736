import type { ExtractedDocument } from '../model/document.js';
import { readHtmlStructure } from './html-structure.js';
import { assembleStructuredDocument } from './structured-citations.js';
import type { RawTextOf } from './structured-notes.js';
import { collapseWhitespace } from './structured-text.js';

/** In HTML a citation's `raw` is what a reader sees: the element's text, whitespace collapsed. */
const visibleText: RawTextOf = (text, range, _links, visible) => ({
  raw: collapseWhitespace(visible),
  offset: text.sourceOffsetAt(range.start),
});

/**
 * Claims and citations of an HTML document: `<sup>` note references with their notes list,
 * Wikipedia reference lists (with "Archived from the original" captures), inline footnote
 * elements and `title` attributes, and plain links (supporting the sentence around them).
 * Positions are those of the HTML source.
 */
export function extractHtml(text: string, path: string): ExtractedDocument {
  return assembleStructuredDocument(readHtmlStructure(text), text, { path, format: 'html', rawOf: visibleText });
}
