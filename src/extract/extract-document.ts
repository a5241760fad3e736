import type { ExtractedDocument } from '../model/document.js';
import { WARNING_CODES } from './build-citation.js';
import { extractHtml } from './html.js';
import { extractMarkdown } from './markdown.js';
import { extractPlainText } from './plain-text.js';
import type { InputDocument } from './read-inputs.js';

/** Claims and citations of one input, by its format. A document without citations is a valid, empty result. */
export function extractDocument(input: InputDocument): ExtractedDocument {
  const extracted =
    input.format === 'html'
      ? extractHtml(input.text, input.path)
      : input.format === 'markdown'
        ? extractMarkdown(input.text, input.path)
        : extractPlainText(input.text, input.path);
  if (extracted.citations.length > 0 || extracted.warnings.some((w) => w.code === WARNING_CODES.noCitations)) {
    return extracted;
  }
  const warning = {
    code: WARNING_CODES.noCitations,
    message: `no citations found in ${input.path}`,
    line: null,
    column: null,
    text: null,
  };
  return { ...extracted, warnings: [...extracted.warnings, warning] };
}
