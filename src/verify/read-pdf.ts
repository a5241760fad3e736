import { getDocumentProxy } from 'unpdf';
import type { SourcePage, SourceText } from './source-text.js';

/**
 * PDF.js options that keep parsing offline. unpdf's bundled build inlines the worker (no
 * worker file is fetched or spawned in Node); with `useWorkerFetch: false` and no
 * `cMapUrl`/`standardFontDataUrl`/`wasmUrl` set, PDF.js has no URL to fetch anything from,
 * and `useWasm: false` keeps image decoders (irrelevant for text) from looking for wasm.
 */
const OFFLINE_PDFJS_OPTIONS = {
  useWorkerFetch: false,
  useWasm: false,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: true,
  stopAtErrors: false,
  // Errors only: malformed-but-readable PDFs would otherwise log to the console.
  verbosity: 0,
} as const;

interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  height: number;
  /** PDF.js text matrix; index 5 is the baseline's y. */
  transform: unknown[];
}

function isTextItem<T extends object>(item: T): item is T & PdfTextItem {
  return 'str' in item;
}

/** "12", "- 12 -", "Page 12", "12 | Annual report": a printed page number at the page's edge. */
function printedPageNumber(items: PdfTextItem[]): string | null {
  const lines = items.map((i) => i.str.trim()).filter((s) => s.length > 0);
  const edges = [...lines.slice(0, 2), ...lines.slice(-2)];
  for (const line of edges) {
    const m = /^(?:page\s+)?[-–]?\s*(\d{1,4})\s*[-–]?$|^(\d{1,4})\s*\|/i.exec(line);
    if (m) return m[1] ?? m[2] ?? null;
  }
  return null;
}

/** A vertical gap this many line heights wide, or a change of font size, starts a new block. */
const BLOCK_GAP_LINES = 1.8;
const FONT_SIZE_CHANGE = 1.5;

/**
 * A page's text items as blocks (paragraphs, headings): lines are joined with spaces, a
 * hyphen closing a line joins the word back, and a wide gap or new font size ends a block,
 * so a heading never runs into the sentence below it.
 */
function pageBlocks(items: PdfTextItem[]): string[] {
  const blocks: string[] = [];
  let text = '';
  let last: { y: number; height: number } | null = null;
  const flush = () => {
    const block = text.replace(/\s+/g, ' ').trim();
    if (block) blocks.push(block);
    text = '';
  };
  for (const item of items) {
    const y = Number(item.transform[5] ?? 0);
    if (last && item.str.trim() && y !== last.y) {
      const gap = Math.abs(last.y - y);
      const lineHeight = Math.max(item.height, last.height, 1);
      if (gap > BLOCK_GAP_LINES * lineHeight || Math.abs(item.height - last.height) > FONT_SIZE_CHANGE) flush();
    }
    text += item.str;
    if (item.hasEOL) text = /[a-z]-$/.test(text) ? text.slice(0, -1) : `${text} `;
    if (item.str.trim()) last = { y, height: item.height };
  }
  flush();
  return blocks;
}

/** The largest-font text on the first page, usually the document's own title. */
function headlineOf(items: PdfTextItem[]): string | null {
  const sized = items.filter((i) => i.str.trim().length > 0);
  const largest = Math.max(0, ...sized.map((i) => i.height));
  if (largest === 0) return null;
  const headline = sized
    .filter((i) => i.height >= largest * 0.95)
    .map((i) => i.str.trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return headline || null;
}

/** Text per page, page labels, and titles (Info dictionary Title, first-page headline). */
export async function readPdf(body: Buffer, contentType: string | null, url: string): Promise<SourceText> {
  // A copy: PDF.js may take ownership of (detach) the buffer it is given.
  const pdf = await getDocumentProxy(new Uint8Array(body), OFFLINE_PDFJS_OPTIONS);
  try {
    const [meta, labels] = await Promise.all([pdf.getMetadata(), pdf.getPageLabels()]);
    const pages: SourcePage[] = [];
    let headline: string | null = null;
    for (let index = 1; index <= pdf.numPages; index += 1) {
      const page = await pdf.getPage(index);
      const content = await page.getTextContent();
      const items = content.items.filter(isTextItem);
      if (index === 1) headline = headlineOf(items);
      pages.push({
        page: index,
        label: labels?.[index - 1]?.trim() || printedPageNumber(items),
        blocks: pageBlocks(items),
      });
      page.cleanup();
    }
    const info = meta.info as { Title?: unknown };
    const titles: string[] = [];
    if (typeof info.Title === 'string' && info.Title.trim()) titles.push(info.Title.trim());
    if (headline && !titles.includes(headline)) titles.push(headline);
    return { kind: 'text', format: 'pdf', contentType, url, titles, pages };
  } finally {
    await pdf.destroy();
  }
}
