/**
 * verify: does the source still say it? Reads HTML/PDF/plain-text sources and gives
 * lexical evidence for each claim (docs/verify.md has the method, thresholds and numbers).
 */

export { type ClaimFeatures, extractClaimFeatures } from './claim-features.js';
export { compareTexts, DRIFT_CHANGED_BELOW, SHINGLE_WORDS, type TextComparison } from './compare-texts.js';
export {
  type EvidenceResult,
  type FindEvidenceOptions,
  findEvidence,
  SUPPORTS_MIN_SCORE,
  WEAK_MIN_SCORE,
} from './find-evidence.js';
export { type LocatorCheck, locateEvidence, NEARBY_PAGES, pagesForLocator, parsePageLocator } from './locator.js';
export { matchTitle, TITLE_MATCH_MIN_SCORE, type TitleMatch } from './match-title.js';
export { DEFAULT_MAX_SOURCE_BYTES, type ReadSourceOptions, readSource } from './read-source.js';
export { indexSource, type SourceIndex } from './source-index.js';
export { joinSourceText, type SourcePage, type SourceText, type Unreadable } from './source-text.js';
export { checkTextFragment, findTextDirective, parseTextFragment, type TextDirective } from './text-fragment.js';
export { type VerifyDeps, type VerifyItem, type VerifyLogger, verifyCitations } from './verify-citations.js';
