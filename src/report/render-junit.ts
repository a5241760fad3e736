import type { Report } from '../model/report.js';
import { escapeXml } from './escape.js';
import { excerpt, linksByKey, listProblems } from './problems.js';

const SECONDS_PER_MS = 1 / 1000;

/**
 * JUnit XML: one test suite per document, one test case per citation. Rot fails,
 * citations we could not decide (inconclusive, suspect, no URL) are skipped with why.
 */
export function renderJunit(report: Report): string {
  const problems = new Map(listProblems(report).map((p) => [`${p.document.path}#${p.citation.id}`, p]));
  const suites = report.documents.map((document) => {
    let failures = 0;
    let skipped = 0;
    let timeMs = 0;
    const links = linksByKey(document);
    const cases = document.citations.map((citation) => {
      const link = citation.linkKey ? links.get(citation.linkKey) : undefined;
      const elapsedMs = link?.result?.verdict.evidence.elapsedMs ?? 0;
      timeMs += elapsedMs;
      const name = `${citation.line}:${citation.column} ${excerpt(citation.raw, 120)}`;
      const attrs = `name="${escapeXml(name)}" classname="${escapeXml(document.path)}" time="${(elapsedMs * SECONDS_PER_MS).toFixed(3)}"`;
      const problem = problems.get(`${document.path}#${citation.id}`);
      let body = '';
      if (citation.state === 'rot' && problem) {
        failures += 1;
        body = `<failure type="${escapeXml(problem.kind)}" message="${escapeXml(problem.message)}">${escapeXml(citation.url ?? '')}</failure>`;
      } else if (citation.state === 'no-url') {
        skipped += 1;
        body = '<skipped message="the citation carries no URL"/>';
      } else if (citation.state !== 'live' && problem) {
        skipped += 1;
        body = `<skipped message="${escapeXml(problem.message)}"/>`;
      } else if (problem) {
        body = `<system-out>${escapeXml(problem.message)}</system-out>`;
      }
      return body ? `    <testcase ${attrs}>${body}</testcase>` : `    <testcase ${attrs}/>`;
    });
    const head =
      `  <testsuite name="${escapeXml(document.path)}" tests="${document.citations.length}" failures="${failures}" ` +
      `errors="0" skipped="${skipped}" time="${(timeMs * SECONDS_PER_MS).toFixed(3)}" timestamp="${escapeXml(report.run.startedAt)}">`;
    return { xml: [head, ...cases, '  </testsuite>'].join('\n'), failures, skipped, tests: document.citations.length };
  });
  const total = (k: 'failures' | 'skipped' | 'tests') => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="citecheck" tests="${total('tests')}" failures="${total('failures')}" errors="0" skipped="${total('skipped')}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
