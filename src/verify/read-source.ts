import { readHtml } from './read-html.js';
import { readPdf } from './read-pdf.js';
import { type SourceText, type Unreadable, unreadable } from './source-text.js';

/** Default cap on a source body (matches `VerifyConfig.maxSourceBytes`). */
export const DEFAULT_MAX_SOURCE_BYTES = 10 * 1000 * 1000;

type SourceFormat = SourceText['format'];

/**
 * The format to read a body as: its first bytes first (an HTML error page served as
 * `application/pdf`, a PDF served as `application/octet-stream`), then the Content-Type.
 * PDF readers accept the `%PDF-` header anywhere in the first 1024 bytes.
 */
function detectFormat(body: Buffer, contentType: string | null): SourceFormat | null {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const head = body.subarray(0, 1024).toString('latin1').toLowerCase();
  if (head.includes('%pdf-')) return 'pdf';
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html|head|body)\b/.test(head)) return 'html';
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'text/plain' || mime === 'text/markdown') return 'plain';
  return null;
}

function readPlain(body: Buffer, contentType: string | null, url: string): SourceText {
  const blocks = body
    .toString('utf8')
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s+/g, ' ').trim())
    .filter((b) => b.length > 0);
  return { kind: 'text', format: 'plain', contentType, url, titles: [], pages: [{ page: null, label: null, blocks }] };
}

export interface ReadSourceOptions {
  maxSourceBytes?: number;
}

/**
 * The readable text of a fetched source: HTML main text, PDF text per page, or plain
 * text. Never throws: what cannot be read comes back as `Unreadable` with a reason.
 */
export async function readSource(
  body: Buffer,
  contentType: string | null,
  url: string,
  options: ReadSourceOptions = {},
): Promise<SourceText | Unreadable> {
  const maxBytes = options.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  if (body.length > maxBytes) {
    return unreadable('too-large', contentType, `source is ${body.length} bytes, over the ${maxBytes}-byte cap`);
  }
  const format = detectFormat(body, contentType);
  if (format === null) {
    return unreadable('unreadable-type', contentType, `cannot read ${contentType ?? 'an unlabelled body'} as text`);
  }
  let source: SourceText;
  try {
    if (format === 'pdf') source = await readPdf(body, contentType, url);
    else if (format === 'html') source = readHtml(body, contentType, url);
    else source = readPlain(body, contentType, url);
  } catch (error) {
    return unreadable('parse-failed', contentType, `${format} parse failed: ${(error as Error).message}`);
  }
  if (source.pages.every((p) => p.blocks.length === 0)) {
    return unreadable('empty', contentType, `no text found in the ${format} source`);
  }
  return source;
}
