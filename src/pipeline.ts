import { createHash } from 'node:crypto';
import { pino } from 'pino';
import {
  createArchiveLimiterFor,
  findSnapshots,
  readSaveCredentials,
  resolveReferenceDate,
  type SnapshotRequest,
  saveLiveSources,
} from './archive/index.js';
import { buildRawMementoUrl } from './archive/wayback-urls.js';
import { type CheckTarget, checkLinks, createHttpClient, httpClientOptionsFrom, limitsFor } from './check/index.js';
import { type Clock, type LookupAll, type Sleep, systemClock, systemSleep } from './deps.js';
import { extractDocument, linkKeyOf, readInputs } from './extract/index.js';
import type { Citation } from './model/citation.js';
import type { Config } from './model/config.js';
import type { ExtractedDocument } from './model/document.js';
import type { SourceEvidence } from './model/evidence.js';
import type { HttpClient } from './model/http.js';
import { isLive, isRot, type LinkResult } from './model/link-result.js';
import type { Report, ReportWarning } from './model/report.js';
import type { SaveOutcome, SnapshotLookup } from './model/snapshot.js';
import { buildReport, citationRef } from './report/build-report.js';
import { decideExitCode, type ExitDecision } from './report/exit-policy.js';
import type { ResultStore } from './store/result-store.js';
import { beginOrResumeRun } from './store/resume-run.js';
import type { VerifyItem } from './verify/index.js';
import { verifyCitations } from './verify/index.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface AuditOptions {
  /** The resolved configuration (see `loadConfig`). */
  config: Config;
  cwd: string;
  /** Input format override (`text`, `html`, `markdown`) for every input. */
  format?: string;
  stdin?: NodeJS.ReadableStream;
  /** A previous report (see `readBaseline`): the run then fails only on new rot. */
  baseline?: Report | null;
  /** Environment for Save Page Now keys (`CITECHECK_IA_ACCESS_KEY`, `CITECHECK_IA_SECRET_KEY`). */
  env?: Record<string, string | undefined>;
}

export type AuditProgress =
  | { stage: 'extract'; documents: number; citations: number; links: number }
  | { stage: 'check'; done: number; total: number; result: LinkResult }
  | { stage: 'archive'; lookups: number }
  | { stage: 'verify'; sources: number }
  | { stage: 'report'; problems: number };

export interface AuditDeps {
  http?: HttpClient;
  store?: ResultStore;
  clock?: Clock;
  sleep?: Sleep;
  lookup?: LookupAll;
  logger?: pino.Logger;
  signal?: AbortSignal;
  onProgress?: (event: AuditProgress) => void;
}

export interface AuditOutcome {
  report: Report;
  exit: ExitDecision;
}

interface CitationAt {
  ref: string;
  document: ExtractedDocument;
  citation: Citation;
}

/** Header values may carry tokens: the report keeps their names only. */
function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, '[redacted]']));
}

/** The configuration as the report records it, without secrets. */
export function describeOptions(config: Config): Record<string, unknown> {
  const hosts = Object.fromEntries(
    Object.entries(config.check.hosts).map(([host, policy]) => [
      host,
      policy.headers ? { ...policy, headers: redactHeaders(policy.headers) } : policy,
    ]),
  );
  return { ...config, check: { ...config.check, headers: redactHeaders(config.check.headers), hosts } };
}

/** Same links, same check options: the same work, so an interrupted run of it may be resumed. */
function resumeKeyOf(targets: readonly CheckTarget[], config: Config): string {
  const keys = [...new Set(targets.map((t) => t.key))].sort();
  return createHash('sha256')
    .update(JSON.stringify([keys, config.check]))
    .digest('hex')
    .slice(0, 32);
}

function checkTargets(citations: readonly CitationAt[]): CheckTarget[] {
  return citations.flatMap(({ citation }) => {
    const targets: CheckTarget[] = [];
    if (citation.url && citation.linkKey) targets.push({ key: citation.linkKey, url: citation.url });
    // A cited capture: its original is checked too, so the report can say both.
    if (citation.archived)
      targets.push({ key: linkKeyOf(citation.archived.original), url: citation.archived.original });
    return targets;
  });
}

/** Captures are looked for where a link rotted (confirmed or not) and validated where one is cited. */
function snapshotRequests(
  citations: readonly CitationAt[],
  results: ReadonlyMap<string, LinkResult>,
  documentDate: (document: ExtractedDocument) => Date | null,
): SnapshotRequest[] {
  return citations.flatMap(({ ref, document, citation }) => {
    if (!citation.url || !citation.linkKey) return [];
    const result = results.get(citation.linkKey);
    if (!citation.archived && !(result && isRot(result.verdict))) return [];
    return [
      {
        id: ref,
        url: citation.archived?.original ?? citation.url,
        archived: citation.archived,
        referenceDate: resolveReferenceDate(citation, documentDate(document)),
      },
    ];
  });
}

/** What to read for each citation: the live page, else its validated capture (raw, unrewritten). */
function verifyItems(
  citations: readonly CitationAt[],
  results: ReadonlyMap<string, LinkResult>,
  snapshots: ReadonlyMap<string, SnapshotLookup>,
  waybackBaseUrl: string,
): VerifyItem[] {
  // Claim texts by id, per document: a lookup per citation, not a scan of every claim.
  const claimTexts = new Map<CitationAt['document'], Map<string, string>>();
  const claimTextOf = (document: CitationAt['document'], claimId: string): string => {
    let texts = claimTexts.get(document);
    if (!texts) {
      texts = new Map(document.claims.map((claim) => [claim.id, claim.text]));
      claimTexts.set(document, texts);
    }
    return texts.get(claimId) ?? '';
  };
  return citations.flatMap(({ ref, document, citation }) => {
    if (!citation.url || !citation.linkKey) return [];
    const claimText = claimTextOf(document, citation.claimId);
    const original = citation.archived?.original ?? citation.url;
    const liveKey = citation.archived ? linkKeyOf(original) : citation.linkKey;
    const live = results.get(liveKey);
    const capture = snapshots.get(ref);
    const validated = capture?.kind === 'found' && capture.validated ? capture : null;
    const archiveUrl = validated
      ? (validated.rawUrl ?? buildRawMementoUrl(waybackBaseUrl, validated.timestamp, original))
      : null;
    if (live && isLive(live.verdict)) {
      const item: VerifyItem = { citationId: ref, claimText, citation, source: { url: original, from: 'live' } };
      return [archiveUrl ? { ...item, compareWith: { url: archiveUrl } } : item];
    }
    return archiveUrl ? [{ citationId: ref, claimText, citation, source: { url: archiveUrl, from: 'archive' } }] : [];
  });
}

function skippedLookups(requests: readonly SnapshotRequest[], reason: string): Map<string, SnapshotLookup> {
  return new Map(requests.map((r) => [r.id, { kind: 'lookup-skipped', reason }]));
}

/**
 * The whole audit: extract, check, archive (for rot and cited captures), verify (live or
 * validated-capture sources), report. Offline, nothing after the check sends a request.
 */
export async function runAudit(inputs: string[], options: AuditOptions, deps: AuditDeps = {}): Promise<AuditOutcome> {
  const { config } = options;
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? systemSleep;
  const logger = deps.logger ?? pino({ level: 'silent' });
  const { signal, store } = deps;
  const progress = deps.onProgress ?? (() => {});
  const startedAt = new Date(clock.now()).toISOString();

  const read = await readInputs(inputs, {
    cwd: options.cwd,
    ...(options.format !== undefined ? { format: options.format } : {}),
    ...(options.stdin ? { stdin: options.stdin } : {}),
  });
  const documents = read.map((input) => ({ input, document: extractDocument(input) }));
  const citations: CitationAt[] = documents.flatMap(({ document }) =>
    document.citations.map((citation) => ({ ref: citationRef(document.path, citation.id), document, citation })),
  );
  const targets = checkTargets(citations);
  progress({ stage: 'extract', documents: documents.length, citations: citations.length, links: targets.length });

  const http =
    deps.http ?? createHttpClient(httpClientOptionsFrom(config.check), deps.lookup ? { lookup: deps.lookup } : {});
  const stageDeps = { http, clock, sleep, logger, ...(signal ? { signal } : {}) };
  // An audit interrupted on the same links and options is picked up where it stopped.
  const run = store
    ? beginOrResumeRun(store, {
        startedAt,
        resumeKey: resumeKeyOf(targets, config),
        meta: { command: 'audit', inputs },
      })
    : null;
  let completed = false;
  try {
    const check = await checkLinks(targets, config.check, {
      ...stageDeps,
      ...(store && run ? { store, runId: run.runId } : {}),
      onResult: (result, done, total) => progress({ stage: 'check', done, total, result }),
    });
    const results = new Map(check.results.map((r) => [r.key, r]));
    const offline = check.network.state === 'offline';
    // Offline or interrupted, nothing after the check sends a request.
    const skipReason = offline ? 'network unreachable' : signal?.aborted ? 'run interrupted' : null;
    const asOf = config.asOf ? new Date(config.asOf) : null;
    const modifiedAt = new Map(documents.map(({ input, document }) => [document, input.modifiedAt]));
    const requests = snapshotRequests(citations, results, (d) => asOf ?? modifiedAt.get(d) ?? null);
    progress({ stage: 'archive', lookups: requests.length });
    // One limiter for every archive.org call of the run (lookups and saves): one rate, one 429
    // pause, one time budget. Created after the check so its budget counts archive time only.
    const env = options.env ?? {};
    const archiveDeps = {
      ...stageDeps,
      limiter: createArchiveLimiterFor(config.archive, { clock, sleep }, readSaveCredentials(env)),
    };
    const snapshots = skipReason
      ? skippedLookups(requests, skipReason)
      : await findSnapshots(requests, config.archive, archiveDeps);

    const items = skipReason ? [] : verifyItems(citations, results, snapshots, config.archive.waybackBaseUrl);
    progress({ stage: 'verify', sources: items.length });
    // Sources are read as politely as links are checked: the same per-host limits and overrides.
    const verifyDeps = { ...stageDeps, hostLimits: limitsFor(config.check) };
    const evidence = await verifyCitations(items, config.verify, verifyDeps).catch((error: unknown) => {
      // Ctrl-C during verification: keep what the run found so far and report it as interrupted.
      if (signal?.aborted) return new Map<string, SourceEvidence>();
      throw error;
    });

    let saves = new Map<string, SaveOutcome>();
    if (config.archive.saveLive && !skipReason && !signal?.aborted) {
      const liveUrls = check.results.filter((r) => isLive(r.verdict)).map((r) => r.url);
      saves = await saveLiveSources(liveUrls, config.archive, { ...archiveDeps, env });
    }

    const histories = new Map(store ? check.results.map((r) => [r.key, store.history(r.key)]) : []);
    const interrupted = check.interrupted || (signal?.aborted ?? false);
    const warnings: ReportWarning[] = interrupted
      ? [
          {
            code: 'interrupted',
            message: 'the run was interrupted; unfinished work is listed as such',
            path: null,
            line: null,
            column: null,
            citationId: null,
          },
        ]
      : [];
    const report = buildReport({
      run: {
        tool: TOOL_NAME,
        version: TOOL_VERSION,
        startedAt,
        finishedAt: new Date(clock.now()).toISOString(),
        options: describeOptions(config),
        network: check.network,
        inputs,
        interrupted,
      },
      documents: documents.map(({ input, document }) => ({
        document,
        modifiedAt: input.modifiedAt ? input.modifiedAt.toISOString() : null,
      })),
      links: results,
      histories,
      snapshots,
      evidence,
      saves,
      confirm: { runs: config.report.confirmRuns, days: config.report.confirmDays },
      baseline: options.baseline ?? null,
      warnings,
    });
    const exit = decideExitCode(report, config.report);
    completed = !interrupted;
    progress({ stage: 'report', problems: report.summary.linkStates.rot + report.summary.linkStates.suspect });
    return { report, exit };
  } finally {
    try {
      if (store && run)
        store.finishRun(run.runId, new Date(clock.now()).toISOString(), completed ? 'completed' : 'interrupted');
    } finally {
      // A store that failed mid-run may fail here too: the client is closed all the same.
      if (!deps.http) await http.close();
    }
  }
}
