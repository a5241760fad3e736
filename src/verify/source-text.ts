import type { UnreadableReason } from '../model/evidence.js';

/** One unit of a source: a PDF page, or the whole main text of an HTML or text document. */
export interface SourcePage {
  /** 1-based PDF page index; null for HTML and plain text. */
  page: number | null;
  /** Printed page number: the PDF page label, else a bare number heading or closing the page. */
  label: string | null;
  /** Blocks (paragraphs, lines) of text; sentences never run across two blocks. */
  blocks: string[];
}

export interface SourceText {
  kind: 'text';
  format: 'html' | 'pdf' | 'plain';
  contentType: string | null;
  url: string;
  /** Titles the source gives itself: `<title>`, `og:title`, first `h1`; PDF Title and first line. */
  titles: string[];
  pages: SourcePage[];
}

export interface Unreadable {
  kind: 'unreadable';
  reason: UnreadableReason;
  contentType: string | null;
  message: string;
}

export function unreadable(reason: UnreadableReason, contentType: string | null, message: string): Unreadable {
  return { kind: 'unreadable', reason, contentType, message };
}

/** All text of a source, blocks separated by blank lines. */
export function joinSourceText(source: SourceText): string {
  return source.pages.map((p) => p.blocks.join('\n\n')).join('\n\n');
}
