import { z } from 'zod';

/** One unique cited link: its URL and the key it is checked under (the extract stage's `linkKeyOf`). */
export interface LinkTarget {
  key: string;
  url: string;
}

/** One hop of a redirect chain, in the order followed. */
export const RedirectHopSchema = z.object({
  url: z.string(),
  status: z.number().int(),
  location: z.string(),
});
export type RedirectHop = z.infer<typeof RedirectHopSchema>;

/** What the checker saw. Every verdict carries it, so a reader can tell why. */
export const LinkEvidenceSchema = z.object({
  /** Final HTTP status seen (after redirects), null when no response came. */
  status: z.number().int().nullable(),
  finalUrl: z.string().nullable(),
  redirects: z.array(RedirectHopSchema),
  /** Requests made for this link, retries and HEAD→GET fallbacks included. */
  attempts: z.number().int().min(0),
  method: z.enum(['HEAD', 'GET']).nullable(),
  contentType: z.string().nullable(),
  /** `<title>` of the final page when its body was read. */
  title: z.string().nullable(),
  /** Transport error code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_HEADERS_TIMEOUT`, ...). */
  errorCode: z.string().nullable(),
  /** The rule that decided the verdict, e.g. `status-404`, `soft404-title`, `canary-offline`. */
  rule: z.string(),
  /** Wall time from first request start to verdict. */
  elapsedMs: z.number().min(0),
});
export type LinkEvidence = z.infer<typeof LinkEvidenceSchema>;

const base = {
  reason: z.string(),
  evidence: LinkEvidenceSchema,
};

/** Closed union of what a link check can conclude. */
export const LinkVerdictSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alive'), ...base }),
  z.object({
    kind: z.literal('redirected'),
    permanent: z.boolean(),
    finalUrl: z.string(),
    ...base,
  }),
  z.object({
    kind: z.literal('soft-404'),
    signal: z.enum(['title', 'body', 'redirect-to-root', 'login-redirect', 'random-path-probe', 'url-pattern']),
    ...base,
  }),
  z.object({ kind: z.literal('broken'), ...base }),
  z.object({ kind: z.literal('server-error'), ...base }),
  z.object({ kind: z.literal('blocked'), ...base }),
  z.object({ kind: z.literal('rate-limited'), retryAfterMs: z.number().nullable(), ...base }),
  z.object({ kind: z.literal('timeout'), phase: z.enum(['connect', 'headers', 'body', 'total']), ...base }),
  z.object({ kind: z.literal('network-error'), code: z.string(), ...base }),
  z.object({
    kind: z.literal('skipped'),
    skipReason: z.enum(['excluded', 'unsupported-scheme', 'address-refused', 'invalid-url']),
    ...base,
  }),
  z.object({ kind: z.literal('offline'), ...base }),
]);
export type LinkVerdict = z.infer<typeof LinkVerdictSchema>;
export type LinkVerdictKind = LinkVerdict['kind'];

export const LINK_VERDICT_KINDS = [
  'alive',
  'redirected',
  'soft-404',
  'broken',
  'server-error',
  'blocked',
  'rate-limited',
  'timeout',
  'network-error',
  'skipped',
  'offline',
] as const satisfies readonly LinkVerdictKind[];

const ROT_KINDS: ReadonlySet<LinkVerdictKind> = new Set(['broken', 'soft-404', 'server-error']);
const INCONCLUSIVE_KINDS: ReadonlySet<LinkVerdictKind> = new Set([
  'blocked',
  'rate-limited',
  'timeout',
  'network-error',
  'offline',
]);

/** Rot: the source is gone (definite 4xx, dead domain, soft-404, persistent 5xx). */
export function isRot(verdict: Pick<LinkVerdict, 'kind'>): boolean {
  return ROT_KINDS.has(verdict.kind);
}
/** Inconclusive: we could not tell. Never counted as dead. */
export function isInconclusive(verdict: Pick<LinkVerdict, 'kind'>): boolean {
  return INCONCLUSIVE_KINDS.has(verdict.kind);
}
/** Live: the source answered with a real page. */
export function isLive(verdict: Pick<LinkVerdict, 'kind'>): boolean {
  return verdict.kind === 'alive' || verdict.kind === 'redirected';
}

/** The check of one unique link key, however often it is cited. */
export const LinkResultSchema = z.object({
  key: z.string(),
  url: z.string(),
  checkedAt: z.string().datetime(),
  fromCache: z.boolean(),
  verdict: LinkVerdictSchema,
});
export type LinkResult = z.infer<typeof LinkResultSchema>;

/** Could this machine reach the network at all during the run? */
export const NetworkStateSchema = z.object({
  state: z.enum(['online', 'offline', 'unknown']),
  message: z.string(),
  canaries: z.array(z.object({ url: z.string(), ok: z.boolean(), detail: z.string() })),
});
export type NetworkState = z.infer<typeof NetworkStateSchema>;
