import { z } from 'zod';

/** Where in the source a passage stands: a PDF page, or null for HTML. */
export const PassageSchema = z.object({
  text: z.string(),
  page: z.number().int().min(1).nullable(),
  score: z.number(),
});
export type Passage = z.infer<typeof PassageSchema>;

export const EVIDENCE_VERDICTS = ['supports', 'weak', 'not-found'] as const;

/** Does the source still say what the claim says? Lexical evidence only. */
export const SourceEvidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('read'),
    sourceUrl: z.string(),
    from: z.enum(['live', 'archive']),
    contentType: z.string().nullable(),
    titles: z.array(z.string()),
    titleMatch: z.object({
      verdict: z.enum(['match', 'mismatch', 'no-cited-title', 'no-source-title']),
      score: z.number().nullable(),
    }),
    verdict: z.enum(EVIDENCE_VERDICTS),
    score: z.number(),
    passages: z.array(PassageSchema),
    /** When the citation names a page and the source is a PDF. */
    locator: z.object({ page: z.number().int(), found: z.boolean() }).nullable(),
    /** When the URL carries `#:~:text=`. */
    textFragment: z.object({ text: z.string(), found: z.boolean() }).nullable(),
    /** Live text against the capture near the reference date. */
    drift: z.object({ similarity: z.number(), changed: z.boolean() }).nullable(),
  }),
  z.object({
    kind: z.literal('unreadable'),
    reason: z.enum(['unreadable-type', 'too-large', 'fetch-failed', 'empty', 'parse-failed']),
    contentType: z.string().nullable(),
    message: z.string(),
  }),
]);
export type SourceEvidence = z.infer<typeof SourceEvidenceSchema>;
