import { z } from 'zod';

/** The reference date a capture is chosen against, and where it came from. */
export const ReferenceDateSchema = z.object({
  /** ISO date (YYYY-MM-DD) of the start of the range. */
  from: z.string(),
  /** ISO date of the end of the range (same as `from` for a single day). */
  to: z.string(),
  source: z.enum(['accessed', 'published', 'document']),
  text: z.string().nullable(),
});
export type ReferenceDate = z.infer<typeof ReferenceDateSchema>;

/** Result of looking for an archived copy of one citation's URL. */
export const SnapshotLookupSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('found'),
    snapshotUrl: z.string(),
    timestamp: z.string(),
    distanceDays: z.number(),
    validated: z.boolean(),
    /** CDX digest differs from the newest capture's: the page changed since it was cited. */
    drift: z.boolean().nullable(),
    referenceDate: ReferenceDateSchema.nullable(),
    /** Candidates fetched and rejected before this one, with why. */
    rejected: z.array(z.object({ timestamp: z.string(), reason: z.string() })),
    /**
     * How the capture was found: a CDX candidate, the capture the citation already names,
     * or (when CDX could not answer or had nothing) an Availability / memento-redirect hint.
     */
    origin: z.enum(['cdx', 'cited', 'availability', 'memento-redirect']).optional(),
    /**
     * The raw (`id_`) URL of the bytes that were validated, after any archived redirects:
     * what to read for claim checking. Absent when the capture was not validated.
     */
    rawUrl: z.string().optional(),
  }),
  z.object({ kind: z.literal('not-archived'), reason: z.string() }),
  z.object({ kind: z.literal('lookup-failed'), code: z.string(), message: z.string() }),
  z.object({ kind: z.literal('lookup-skipped'), reason: z.string() }),
]);
export type SnapshotLookup = z.infer<typeof SnapshotLookupSchema>;

/** Result of submitting one live URL to Save Page Now (`--save-live`). */
export const SaveOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('submitted'), jobId: z.string(), message: z.string().nullable() }),
  z.object({ kind: z.literal('save-failed'), code: z.string(), message: z.string() }),
  z.object({ kind: z.literal('save-skipped'), reason: z.string() }),
]);
export type SaveOutcome = z.infer<typeof SaveOutcomeSchema>;
