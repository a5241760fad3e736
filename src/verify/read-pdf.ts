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

/** One page's lines joined into running text; a hyphen closing a line joins the word back. */
function pageText(items: PdfTextItem[]): string {
  let text = '';
  for (const item of items) {
    text += item.str;
    if (item.hasEOL) text = /[a-z]-$/.test(text) ? text.slice(0, -1) : `${text} `;
  }
  return text.replace(/\s+/g, ' ').trim();
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
      const text = pageText(items);
      pages.push({
        page: index,
        label: labels?.[index - 1]?.trim() || printedPageNumber(items),
        blocks: text ? [text] : [],
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
