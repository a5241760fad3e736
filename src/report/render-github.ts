import type { Report } from '../model/report.js';
import { escapeWorkflowData, escapeWorkflowProperty } from './escape.js';
import { excerpt, listProblems } from './problems.js';
import { renderMarkdownSummary } from './render-markdown.js';

/** GitHub caps annotations per step; more than this would be dropped silently anyway. */
const MAX_ANNOTATIONS = 50;

/**
 * `::error` for confirmed rot and `::warning` for suspect rot and evidence problems,
 * with file, line and column; inconclusive links stay out of the annotations.
 */
export function renderGithubAnnotations(report: Report): string {
  const problems = listProblems(report).filter((p) => p.severity !== 'note');
  const lines = problems.slice(0, MAX_ANNOTATIONS).map((p) => {
    const command = p.severity === 'error' ? 'error' : 'warning';
    const props = [
      `file=${escapeWorkflowProperty(p.document.path)}`,
      `line=${p.citation.line}`,
      `col=${p.citation.column}`,
      `title=${escapeWorkflowProperty(`citecheck: ${p.kind}`)}`,
    ].join(',');
    return `::${command} ${props}::${escapeWorkflowData(`${p.message} (cited as: ${excerpt(p.citation.raw, 160)})`)}`;
  });
  if (problems.length > MAX_ANNOTATIONS) {
    lines.push(`::notice::${escapeWorkflowData(`${problems.length - MAX_ANNOTATIONS} more problems in the reports`)}`);
  }
  if (report.run.network.state === 'offline') {
    lines.push(`::warning title=citecheck%3A offline::${escapeWorkflowData(report.run.network.message)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The job summary: the summary figures and the problem count, pointing at the full reports. */
export function renderGithubSummary(report: Report): string {
  const problems = listProblems(report);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${renderMarkdownSummary(report)}\n**${errors} citations to fix, ${problems.length - errors} to look at.** The full reports are in the job's artifacts.\n`;
}
