import { createHash } from 'node:crypto';
import { LINK_STATES, type Report, type ReportCitation, type ReportDocument } from '../model/report.js';
import { escapeHtml, serializeJsonForScript } from './escape.js';
import { REPORT_CSS, REPORT_SCRIPT } from './html-assets.js';
import { renderBarChart } from './html-chart.js';
import { describeArchive, excerpt, formatPercent, listProblems } from './problems.js';

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Nothing but the hashed inline style and script may run; no fetch, font, image or form target. */
function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src ${cspHash(REPORT_CSS)}`,
    `script-src ${cspHash(REPORT_SCRIPT)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function link(url: string | null): string {
  if (!url) return '';
  return /^https?:\/\//i.test(url)
    ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(url)}</a>`
    : escapeHtml(url);
}

interface TableRow {
  doc: string;
  line: number;
  section: string;
  claimStatus: string;
  state: string;
  verdict: string;
  raw: string;
  url: string | null;
  note: string;
  fix: string | null;
}

function tableRows(report: Report): TableRow[] {
  const notes = new Map(listProblems(report).map((p) => [`${p.document.path}#${p.citation.id}`, p.message]));
  return report.documents.flatMap((document) => {
    const claims = new Map(document.claims.map((c) => [c.id, c]));
    return document.citations.map((citation) => {
      const claim = claims.get(citation.claimId);
      return {
        doc: document.path,
        line: citation.line,
        section: claim?.section ?? '',
        claimStatus: claim?.status ?? '',
        state: citation.state,
        verdict: citation.verdict ?? '',
        raw: excerpt(citation.raw, 300),
        url: citation.url,
        note: notes.get(`${document.path}#${citation.id}`) ?? '',
        fix: citation.fix?.replacementUrl ?? null,
      };
    });
  });
}

function renderFigures(report: Report): string {
  const s = report.summary;
  const figures: Array<[string, string]> = [
    ['claims', String(s.claims)],
    ['citations', String(s.citations)],
    ['unique links', String(s.uniqueLinks)],
    ['rotten', String(s.linkStates.rot)],
    ['suspect', String(s.linkStates.suspect)],
    ['inconclusive', String(s.inconclusive)],
    ['rot rate', formatPercent(s.rotRate)],
    ['validated captures', String(s.archive.validated)],
  ];
  return `<div class="figures">${figures
    .map(([label, value]) => `<div class="figure"><b>${escapeHtml(value)}</b>${escapeHtml(label)}</div>`)
    .join('')}</div>`;
}

function renderCitationItem(citation: ReportCitation): string {
  const parts = [
    `<span class="s-${escapeHtml(citation.state)}">${escapeHtml(citation.state)}</span>`,
    citation.verdict ? ` (${escapeHtml(citation.verdict)})` : '',
    ` line ${citation.line}: <q>${escapeHtml(excerpt(citation.raw, 400))}</q>`,
  ];
  if (citation.url) parts.push(`<br>${link(citation.url)}`);
  const archive = describeArchive(citation);
  if (archive) parts.push(`<br>Archive: ${escapeHtml(archive)}`);
  if (citation.fix) parts.push(`<br>Replacement: ${link(citation.fix.replacementUrl)}`);
  if (citation.evidence?.kind === 'read') {
    const passage = citation.evidence.passages[0];
    parts.push(
      `<br>Evidence: ${escapeHtml(citation.evidence.verdict)} (title ${escapeHtml(citation.evidence.titleMatch.verdict)})`,
    );
    if (passage) parts.push(`: <q>${escapeHtml(excerpt(passage.text, 300))}</q>`);
  } else if (citation.evidence) {
    parts.push(`<br>Evidence: unreadable (${escapeHtml(citation.evidence.reason)})`);
  }
  return `<li>${parts.join('')}</li>`;
}

function renderClaims(document: ReportDocument): string {
  const citations = new Map(document.citations.map((c) => [c.id, c]));
  const claims = document.claims.map((claim) => {
    const items = claim.citationIds.flatMap((id) => {
      const c = citations.get(id);
      return c ? [renderCitationItem(c)] : [];
    });
    const open = claim.status === 'supported' || claim.status === 'unsourced' ? '' : ' open';
    return (
      `<details class="claim" data-status="${escapeHtml(claim.status)}"${open}><summary>` +
      `<span class="s-${escapeHtml(claim.status)}">${escapeHtml(claim.status)}</span>` +
      `${claim.support ? ` (${escapeHtml(claim.support)})` : ''} · ${escapeHtml(claim.section ?? 'no section')} · line ${claim.line}: ` +
      `${escapeHtml(excerpt(claim.text, 200))}</summary><p>${escapeHtml(claim.reason)}</p><ul>${items.join('')}</ul></details>`
    );
  });
  return `<h3>${escapeHtml(document.path)}</h3>${claims.join('\n')}`;
}

const COLUMNS: Array<[keyof TableRow, string]> = [
  ['doc', 'Document'],
  ['line', 'Line'],
  ['section', 'Section'],
  ['claimStatus', 'Claim'],
  ['state', 'State'],
  ['verdict', 'Verdict'],
  ['raw', 'Citation'],
  ['url', 'URL'],
  ['note', 'What went wrong'],
  ['fix', 'Replacement'],
];

/** One self-contained page: no network, hashed inline style and script, every text escaped. */
export function renderHtml(report: Report): string {
  const { run, summary } = report;
  const banner =
    run.network.state === 'online'
      ? ''
      : `<p class="banner" id="network-banner"><b>Network ${escapeHtml(run.network.state)}:</b> ${escapeHtml(run.network.message)}</p>`;
  const baseline = report.baseline
    ? `<p>Against the baseline of ${escapeHtml(report.baseline.baselineStartedAt)}: ${report.baseline.newRot.length} new rot, ${report.baseline.fixed.length} fixed, ${report.baseline.stillRotten.length} still rotten.</p>`
    : '';
  const warnings = report.warnings.length
    ? `<h2>Warnings (${report.warnings.length})</h2><ul>${report.warnings
        .map(
          (w) =>
            `<li>${escapeHtml(w.code)}${w.path ? ` (${escapeHtml(w.path)}${w.line ? `:${w.line}` : ''})` : ''}: ${escapeHtml(w.message)}</li>`,
        )
        .join('')}</ul>`
    : '';
  const header = COLUMNS.map(
    ([key, label]) => `<th data-key="${key}"><button type="button">${label}</button></th>`,
  ).join('');
  const stateOptions = ['no-url', ...LINK_STATES].map((s) => `<option value="${s}">${s}</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy())}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>citecheck report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>citecheck report</h1>
<p class="meta">citecheck ${escapeHtml(run.version)} · ${escapeHtml(run.startedAt)} to ${escapeHtml(run.finishedAt)} · ${escapeHtml(run.inputs.join(', '))}</p>
${banner}
</header>
<section id="summary">
<h2>Summary</h2>
${renderFigures(report)}
${baseline}
<div class="charts">
${renderBarChart('Link verdicts', summary.verdicts)}
${renderBarChart('Claim statuses', summary.claimStatuses)}
</div>
</section>
<section id="citations">
<h2>Citations</h2>
<div class="controls">
<label>Filter <input id="filter" type="search" autocomplete="off"></label>
<label>State <select id="state-filter"><option value="">all</option>${stateOptions}</select></label>
<span id="row-count"></span>
</div>
<table id="citation-table"><thead><tr>${header}</tr></thead><tbody></tbody></table>
<noscript><p>Sorting and filtering need JavaScript; every citation is listed per claim below.</p></noscript>
</section>
<section id="claims">
<h2>Claims</h2>
${report.documents.map(renderClaims).join('\n')}
</section>
${warnings}
<script type="application/json" id="report-data">${serializeJsonForScript({ rows: tableRows(report) })}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
