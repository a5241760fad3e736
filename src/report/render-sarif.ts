import { pathToFileURL } from 'node:url';
import type { Report } from '../model/report.js';
import { TOOL_REPO_URL } from '../version.js';
import { excerpt, listProblems, type ProblemKind, type ProblemSeverity } from './problems.js';

const SARIF_SCHEMA_URL = 'https://json.schemastore.org/sarif-2.1.0.json';

/** One rule per problem kind; the verdict kinds are the checker's closed union. */
const RULES: ReadonlyArray<{ id: ProblemKind; level: ProblemSeverity; text: string }> = [
  { id: 'broken', level: 'error', text: 'The cited page is gone (definite 4xx or a domain that no longer resolves).' },
  { id: 'soft-404', level: 'error', text: 'The cited URL answers, but with a not-found or unrelated page.' },
  { id: 'server-error', level: 'error', text: 'The cited server kept failing (5xx after retries).' },
  { id: 'suspect', level: 'warning', text: 'The link failed, but rot is not yet confirmed by enough audits.' },
  {
    id: 'blocked',
    level: 'note',
    text: 'The server refused the checker (401, 403, 999, bot challenge): not counted as rot.',
  },
  { id: 'rate-limited', level: 'note', text: 'The server rate-limited the checker: not counted as rot.' },
  { id: 'timeout', level: 'note', text: 'The check timed out: not counted as rot.' },
  { id: 'network-error', level: 'note', text: 'A network error stopped the check: not counted as rot.' },
  { id: 'offline', level: 'note', text: 'The machine could not reach the network: not counted as rot.' },
  { id: 'skipped', level: 'note', text: 'The link was not checked (excluded, unsupported scheme or refused address).' },
  { id: 'unchecked', level: 'note', text: 'The run ended before this link was checked.' },
  { id: 'title-mismatch', level: 'warning', text: 'The live page title no longer matches the cited title.' },
  { id: 'evidence-not-found', level: 'warning', text: 'The live source has no passage backing the claim.' },
];

function artifactUri(path: string): { uri: string; uriBaseId?: string } {
  if (path === '-' || path === '<stdin>') return { uri: 'stdin' };
  if (path.startsWith('/')) return { uri: pathToFileURL(path).href };
  const uri = path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}

/** SARIF 2.1.0 for code scanning: one result per problem citation, located at the citation. */
export function renderSarif(report: Report): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const results = listProblems(report).map((problem) => {
    const { citation } = problem;
    const index = ruleIndex.get(problem.kind) ?? 0;
    return {
      ruleId: problem.kind,
      ruleIndex: index,
      level: problem.severity,
      message: { text: `${problem.message}. Cited as: ${excerpt(citation.raw, 200)}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactUri(problem.document.path),
            region: {
              startLine: citation.line,
              startColumn: citation.column,
              snippet: { text: citation.raw },
            },
          },
        },
      ],
      partialFingerprints: { 'citecheck/link/v1': `${citation.linkKey ?? citation.raw}` },
      properties: {
        citationId: citation.id,
        claimId: citation.claimId,
        claimStatus: problem.claim?.status ?? null,
        url: citation.url,
        ...(citation.fix ? { replacementUrl: citation.fix.replacementUrl } : {}),
      },
    };
  });
  const sarif = {
    $schema: SARIF_SCHEMA_URL,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'citecheck',
            version: report.run.version,
            informationUri: TOOL_REPO_URL,
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.text },
              defaultConfiguration: { level: r.level },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.run.network.state !== 'offline' && !report.run.interrupted,
            startTimeUtc: report.run.startedAt,
            endTimeUtc: report.run.finishedAt,
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
