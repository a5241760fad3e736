import { extname } from 'node:path';
import type { DocumentFormat } from '../model/document.js';

const FORMAT_BY_EXTENSION: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

/** Extensions a directory walk picks up. */
export const KNOWN_EXTENSIONS: readonly string[] = Object.keys(FORMAT_BY_EXTENSION);

/** How much of the document the content sniffing looks at: enough for a head and a few paragraphs. */
const SNIFF_LENGTH_CHARS = 64 * 1024;

const HTML_START = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;
const HTML_TAG = /<(?:p|div|a\s[^>]*href|ol|ul|li|sup|span|table|h[1-6]|br)\b[^>]*>/gi;
const MARKDOWN_SIGNS = [
  /^#{1,6}\s+\S/m, // ATX heading
  /^\[\^[^\]\s]+\]:\s/m, // footnote definition
  /\[[^\]\n]+\]\([^)\s]+\)/, // inline link
  /^\[[^\]\n]+\]:\s*\S+/m, // link definition
  /^```/m, // fenced code
  /^\s{0,3}[-*+]\s+\S/m, // bullet list
];

export function formatOfExtension(path: string): DocumentFormat | null {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/**
 * The extension decides when it is known; otherwise the content does: an HTML start or
 * several HTML block tags mean HTML, two Markdown constructs mean Markdown, anything else is
 * plain text (the most forgiving extractor).
 */
export function detectFormat(path: string, text: string): DocumentFormat {
  const byExtension = formatOfExtension(path);
  if (byExtension) return byExtension;
  const head = text.slice(0, SNIFF_LENGTH_CHARS);
  if (HTML_START.test(head) || (head.match(HTML_TAG)?.length ?? 0) >= 3) return 'html';
  const markdownSigns = MARKDOWN_SIGNS.filter((sign) => sign.test(head)).length;
  return markdownSigns >= 2 ? 'markdown' : 'text';
}
