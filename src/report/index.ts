/** report: pure renderers from one Report record, plus the report's own derivations. */
export { diffBaseline, readBaseline, readReportFile } from './baseline.js';
export { buildReport, citationRef, type ReportInput } from './build-report.js';
export { classifySource, type DecidedClaimStatus, decideClaimStatus, type SourceClass } from './claim-status.js';
export { decideExitCode, type ExitCode, type ExitDecision, type ExitPolicy } from './exit-policy.js';
export { type AppliedFix, type FixedDocument, fixDocument, type SkippedFix } from './fix-document.js';
export { type ConfirmPolicy, decideLinkState } from './link-state.js';
export { listProblems, type Problem, type ProblemKind, type ProblemSeverity } from './problems.js';
export { renderCsv } from './render-csv.js';
export { renderGithubAnnotations, renderGithubSummary } from './render-github.js';
export { renderHtml } from './render-html.js';
export { renderJson } from './render-json.js';
export { renderJunit } from './render-junit.js';
export { renderMarkdown, renderMarkdownSummary } from './render-markdown.js';
export { renderSarif } from './render-sarif.js';
export { summarizeDocuments } from './summarize.js';
export { parseReportFormats, REPORT_FILE_NAMES, renderReport, writeReports } from './write-reports.js';
