import { z } from 'zod';
import { CitationSchema } from './citation.js';
import { ClaimSchema } from './claim.js';
import { DocumentFormatSchema } from './document.js';
import { SourceEvidenceSchema } from './evidence.js';
import { LINK_VERDICT_KINDS, LinkResultSchema, NetworkStateSchema } from './link-result.js';
import { SaveOutcomeSchema, SnapshotLookupSchema } from './snapshot.js';

export const REPORT_SCHEMA_VERSION = 1 as const;

/**
 * What the audit concluded about one unique link, after the rot-confirmation policy:
 * `rot` only once `--confirm-runs`/`--confirm-days` are met, `suspect` before that.
 */
export const LINK_STATES = ['live', 'rot', 'suspect', 'inconclusive', 'skipped', 'unchecked'] as const;
export const LinkStateSchema = z.enum(LINK_STATES);
export type LinkState = z.infer<typeof LinkStateSchema>;

export const CLAIM_STATUSES = ['supported', 'archived-only', 'at-risk', 'unsupported', 'unsourced'] as const;
export const ClaimStatusSchema = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>;

/** For supported (or archived-only) claims: did a readable source show a passage backing the claim? */
export const ClaimSupportSchema = z.enum(['with-evidence', 'link-only']).nullable();
export type ClaimSupport = z.infer<typeof ClaimSupportSchema>;

export const LinkHistorySummarySchema = z.object({
  /** First failing check of the current unbroken run of failures (ISO), null when not failing. */
  failingSince: z.string().nullable(),
  consecutiveFailures: z.number().int().min(0),
});
export type LinkHistorySummary = z.infer<typeof LinkHistorySummarySchema>;

export const ReportLinkSchema = z.object({
  key: z.string(),
  url: z.string(),
  /** Null when the run ended (interrupted) before this link was checked. */
  result: LinkResultSchema.nullable(),
  state: LinkStateSchema,
  /** Rot seen but not yet confirmed by the confirmation policy: reported, never failing. */
  suspect: z.boolean(),
  citationIds: z.array(z.string()),
  history: LinkHistorySummarySchema.nullable(),
  /**
   * `cited`: a citation links here. `original`: only the original URL behind a cited archive
   * capture; reported, but the citation already holds a capture, so it never fails the policy.
   */
  role: z.enum(['cited', 'original']),
  /** Save Page Now submission (`--save-live`), null when none was attempted. */
  saved: SaveOutcomeSchema.nullable(),
});
export type ReportLink = z.infer<typeof ReportLinkSchema>;

/** The text an editor pastes instead of the dead link, and why. */
export const SuggestedFixSchema = z.object({
  kind: z.literal('use-archive'),
  /** The validated capture URL. */
  replacementUrl: z.string(),
  originalUrl: z.string(),
  /** Capture date, ISO day. */
  versionDate: z.string(),
  /** The citation as written, with the capture URL in place of the dead one. */
  replacementText: z.string(),
});
export type SuggestedFix = z.infer<typeof SuggestedFixSchema>;

export const ReportCitationSchema = CitationSchema.extend({
  /** State of the cited link (`no-url` when the citation carries none). */
  state: z.union([LinkStateSchema, z.literal('no-url')]),
  verdict: z.enum(LINK_VERDICT_KINDS).nullable(),
  /** For a citation that points at an archive capture: the key of its original URL, checked too. */
  originalLinkKey: z.string().nullable(),
  archive: SnapshotLookupSchema.nullable(),
  evidence: SourceEvidenceSchema.nullable(),
  fix: SuggestedFixSchema.nullable(),
});
export type ReportCitation = z.infer<typeof ReportCitationSchema>;

export const ReportClaimSchema = ClaimSchema.extend({
  status: ClaimStatusSchema,
  support: ClaimSupportSchema,
  /** One line saying why the claim got its status. */
  reason: z.string(),
});
export type ReportClaim = z.infer<typeof ReportClaimSchema>;

export const ReportWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string().nullable(),
  line: z.number().int().min(1).nullable(),
  column: z.number().int().min(1).nullable(),
  citationId: z.string().nullable(),
});
export type ReportWarning = z.infer<typeof ReportWarningSchema>;

export const ReportDocumentSchema = z.object({
  path: z.string(),
  format: DocumentFormatSchema,
  modifiedAt: z.string().nullable(),
  claims: z.array(ReportClaimSchema),
  citations: z.array(ReportCitationSchema),
  links: z.array(ReportLinkSchema),
});
export type ReportDocument = z.infer<typeof ReportDocumentSchema>;

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int().min(0)])) as Record<T[number], z.ZodNumber>);

export const ReportSummarySchema = z.object({
  documents: z.number().int().min(0),
  claims: z.number().int().min(0),
  citations: z.number().int().min(0),
  citationsWithUrl: z.number().int().min(0),
  uniqueLinks: z.number().int().min(0),
  /** Unique links per verdict kind (unchecked links are not counted here). */
  verdicts: countsOf(LINK_VERDICT_KINDS),
  linkStates: countsOf(LINK_STATES),
  claimStatuses: countsOf(CLAIM_STATUSES),
  support: z.object({ withEvidence: z.number().int().min(0), linkOnly: z.number().int().min(0) }),
  /** Confirmed rot links over links with a conclusive verdict (live, rot, suspect); null when none. */
  rotRate: z.number().min(0).max(1).nullable(),
  inconclusive: z.number().int().min(0),
  /** Inconclusive links over checked links; null when none was checked. */
  inconclusiveRate: z.number().min(0).max(1).nullable(),
  archive: z.object({
    found: z.number().int().min(0),
    validated: z.number().int().min(0),
    notArchived: z.number().int().min(0),
    failed: z.number().int().min(0),
    skipped: z.number().int().min(0),
  }),
  evidence: z.object({
    supports: z.number().int().min(0),
    weak: z.number().int().min(0),
    notFound: z.number().int().min(0),
    unreadable: z.number().int().min(0),
  }),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

const BaselineLinkSchema = z.object({ key: z.string(), url: z.string() });
export const BaselineDiffSchema = z.object({
  baselineStartedAt: z.string(),
  /** Rot now that was not rot in the baseline: the only rot a baseline run fails on. */
  newRot: z.array(BaselineLinkSchema),
  /** Rot in the baseline that is now live or no longer cited. */
  fixed: z.array(BaselineLinkSchema),
  stillRotten: z.array(BaselineLinkSchema),
});
export type BaselineDiff = z.infer<typeof BaselineDiffSchema>;

export const RunInfoSchema = z.object({
  tool: z.literal('citecheck'),
  version: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** The resolved configuration the run used, secrets (header values) redacted. */
  options: z.record(z.string(), z.unknown()),
  network: NetworkStateSchema,
  inputs: z.array(z.string()),
  interrupted: z.boolean(),
});
export type RunInfo = z.infer<typeof RunInfoSchema>;

/** The one record every renderer takes. Versioned: readers check `schemaVersion`. */
export const ReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  run: RunInfoSchema,
  documents: z.array(ReportDocumentSchema),
  warnings: z.array(ReportWarningSchema),
  summary: ReportSummarySchema,
  baseline: BaselineDiffSchema.nullable(),
});
export type Report = z.infer<typeof ReportSchema>;
