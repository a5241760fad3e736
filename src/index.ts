/** citecheck's public library API: re-exports only. */

export {
  type ArchiveDeps,
  findSnapshots,
  parseCitationDate,
  resolveReferenceDate,
  type SnapshotRequest,
  saveLiveSources,
} from './archive/index.js';
export {
  type CheckDeps,
  type CheckRun,
  type CheckTarget,
  checkLinks,
  createHttpClient,
  extractTitle,
  judgePage,
} from './check/index.js';
export { CONFIG_FILE_NAME, createLogger, type LoadConfigOptions, loadConfig } from './config/index.js';
export * from './errors.js';
export { EXIT, type ExitCode } from './exit-codes.js';
export {
  type CitedLink,
  type CitedLinks,
  detectFormat,
  type ExtractCitedLinksOptions,
  extractCitedLinks,
  extractDocument,
  extractHtml,
  extractMarkdown,
  extractPlainText,
  type InputDocument,
  readInputs,
} from './extract/index.js';
export * from './model/index.js';
export {
  type AuditDeps,
  type AuditOptions,
  type AuditOutcome,
  type AuditProgress,
  describeOptions,
  runAudit,
} from './pipeline.js';
export {
  decideExitCode,
  fixDocument,
  readBaseline,
  renderCsv,
  renderGithubAnnotations,
  renderGithubSummary,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderSarif,
  writeReports,
} from './report/index.js';
export {
  beginOrResumeRun,
  createMemoryStore,
  type LinkHistory,
  openSqliteStore,
  type ResultStore,
} from './store/index.js';
export {
  compareTexts,
  findEvidence,
  matchTitle,
  readSource,
  type VerifyDeps,
  type VerifyItem,
  verifyCitations,
} from './verify/index.js';
export { DEFAULT_USER_AGENT, TOOL_VERSION } from './version.js';
