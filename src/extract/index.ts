export { parseCitationFields } from './citation-fields.js';
export { type CitedLink, type CitedLinks, type ExtractCitedLinksOptions, extractCitedLinks } from './cited-links.js';
export { detectFormat } from './detect-format.js';
export { extractDocument } from './extract-document.js';
export { extractHtml } from './html.js';
export { LineIndex } from './line-index.js';
export { linkKeyOf } from './link-key.js';
export { extractMarkdown } from './markdown.js';
export { extractPlainText } from './plain-text.js';
export {
  type InputDocument,
  type InputSource,
  listInputs,
  parseFormatOption,
  type ReadInputsOptions,
  readInput,
  readInputs,
} from './read-inputs.js';
export { cleanUrl, findUrlCandidates } from './url-cleanup.js';
export { parseArchivedUrl } from './wayback-url.js';
