import type { ExtractedDocument } from '../model/document.js';
import { readMarkdownStructure } from './markdown-structure.js';
import { assembleStructuredDocument } from './structured-citations.js';
import type { RawTextOf } from './structured-notes.js';

/**
 * Claims and citations of a Markdown document: GFM footnotes (`[^1]` and their definitions),
 * inline and reference links, autolinks and bare URLs; code is ignored. A citation's `raw`
 * is the Markdown source as written, link syntax included. `chunkChars` bounds how much is
 * parsed at once (tests set it small to check that chunking changes nothing).
 */
export function extractMarkdown(text: string, path: string, options: { chunkChars?: number } = {}): ExtractedDocument {
  // A range that begins or ends with a link takes the link's syntax (`[`, `](url)`, `<`...>) along.
  const sourceSlice: RawTextOf = (mapped, range, links) => {
    const start = Math.min(
      mapped.sourceOffsetAt(range.start),
      ...links.filter((link) => link.start <= range.start).map((link) => link.sourceStart),
    );
    const end = Math.max(mapped.sourceEndAt(range.end), ...links.map((link) => link.sourceEnd));
    return { raw: text.slice(start, end).trim(), offset: start };
  };
  return assembleStructuredDocument(readMarkdownStructure(text, options.chunkChars), text, {
    path,
    format: 'markdown',
    rawOf: sourceSlice,
  });
}
