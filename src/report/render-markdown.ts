import { CLAIM_STATUSES, LINK_STATES, type Report } from '../model/report.js';
import { escapeMarkdown } from './escape.js';
import { excerpt, formatPercent, listProblems, type Problem } from './problems.js';

/** A fenced block whose fence is longer than any backtick run inside, so any text pastes verbatim. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

function table(head: [string, string], rows: Array<[string, number]>): string[] {
  return [`| ${head[0]} | ${head[1]} |`, '| --- | ---: |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

/** Summary figures: what a CI job summary and the top of the editor report show. */
export function renderMarkdownSummary(report: Report): string {
  const { summary, run } = report;
  const lines = [
    '# citecheck report',
    '',
    `Audited ${summary.documents} document(s): ${summary.claims} claims, ${summary.citations} citations ` +
      `(${summary.citationsWithUrl} with a URL, ${summary.uniqueLinks} unique links). ` +
      `citecheck ${run.version}, ${run.startedAt} to ${run.finishedAt}.`,
    '',
  ];
  if (run.network.state !== 'online') {
    lines.push(`> **Network ${run.network.state}:** ${escapeMarkdown(run.network.message)}`, '');
  }
  if (run.interrupted) lines.push('> **Interrupted:** the run stopped early; unchecked links are listed as such.', '');
  lines.push(
    `**Rot rate:** ${formatPercent(summary.rotRate)} (${summary.linkStates.rot} rotten, ` +
      `${summary.linkStates.suspect} suspect, ${summary.inconclusive} inconclusive). ` +
      `**Captures:** ${summary.archive.validated} validated, ${summary.archive.notArchived} not archived, ` +
      `${summary.archive.failed} lookups failed, ${summary.archive.skipped} skipped.`,
    '',
    ...table(
      ['Claim status', 'Claims'],
      CLAIM_STATUSES.map((s) => [s, summary.claimStatuses[s]]),
    ),
    '',
    `Supported with evidence: ${summary.support.withEvidence}; supported by the link only: ${summary.support.linkOnly}.`,
    '',
    ...table(
      ['Link state', 'Links'],
      LINK_STATES.map((s) => [s, summary.linkStates[s]]),
    ),
    '',
  );
  const verdictRows = Object.entries(summary.verdicts).filter(([, n]) => n > 0);
  if (verdictRows.length > 0) lines.push(...table(['Verdict', 'Links'], verdictRows), '');
  if (report.baseline) {
    const b = report.baseline;
    lines.push(
      `**Against the baseline of ${b.baselineStartedAt}:** ${b.newRot.length} new rot, ${b.fixed.length} fixed, ${b.stillRotten.length} still rotten.`,
      '',
      ...b.newRot.map((l) => `- new rot: <${l.url}>`),
      ...(b.newRot.length > 0 ? [''] : []),
    );
  }
  return lines.join('\n');
}

function renderProblem(problem: Problem): string[] {
  const { citation } = problem;
  const lines = [
    `- **Citation** (line ${citation.line}, column ${citation.column}): ${escapeMarkdown(excerpt(citation.raw, 400))}`,
    `  - What went wrong: ${escapeMarkdown(problem.message)}`,
  ];
  if (citation.fix) {
    lines.push(
      `  - Replacement to paste (capture of ${citation.fix.versionDate}):`,
      '',
      indent(fenced(citation.fix.replacementText)),
      '',
    );
  }
  if (citation.evidence?.kind === 'read' && citation.evidence.passages[0]) {
    const passage = citation.evidence.passages[0];
    lines.push(
      `  - Best passage in the source${passage.page ? ` (page ${passage.page})` : ''}: ${escapeMarkdown(excerpt(passage.text, 300))}`,
    );
  }
  return lines;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** For editors: the summary, then every problem grouped by document, section and claim. */
export function renderMarkdown(report: Report): string {
  const out = [renderMarkdownSummary(report)];
  // Offline links say nothing about their sources: one line for all of them, not one each.
  const all = listProblems(report);
  const problems = all.filter((p) => p.kind !== 'offline');
  const offline = all.length - problems.length;
  out.push(`## Problems (${problems.length})`, '');
  if (offline > 0) {
    out.push(`${offline} citations could not be checked: the network was unreachable. None is counted as dead.`, '');
  }
  if (problems.length === 0 && offline === 0) out.push('Nothing to fix.', '');
  let lastDoc: string | null = null;
  let lastSection: string | null | undefined;
  let lastClaim: string | null = null;
  for (const problem of problems) {
    if (problem.document.path !== lastDoc) {
      lastDoc = problem.document.path;
      lastSection = undefined;
      out.push(`### ${escapeMarkdown(lastDoc)}`, '');
    }
    const section = problem.claim?.section ?? null;
    if (section !== lastSection) {
      lastSection = section;
      out.push(`#### ${section ? escapeMarkdown(section) : '(no section)'}`, '');
    }
    const claimId = problem.claim?.id ?? null;
    if (problem.claim && claimId !== lastClaim) {
      const claim = problem.claim;
      out.push(
        `**Claim** (line ${claim.line}, ${claim.status}${claim.support ? `, ${claim.support}` : ''}): ${escapeMarkdown(excerpt(claim.text))}`,
        '',
      );
    }
    lastClaim = claimId;
    out.push(...renderProblem(problem), '');
  }
  if (report.warnings.length > 0) {
    out.push(`## Warnings (${report.warnings.length})`, '');
    for (const w of report.warnings) {
      const where = w.path ? ` (${escapeMarkdown(w.path)}${w.line ? `:${w.line}` : ''})` : '';
      out.push(`- ${escapeMarkdown(w.code)}${where}: ${escapeMarkdown(w.message)}`);
    }
    out.push('');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
