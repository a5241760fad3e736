import { z } from 'zod';

/** Where in the source a passage stands: a PDF page, or null for HTML. */
export const PassageSchema = z.object({
  text: z.string(),
  page: z.number().int().min(1).nullable(),
  score: z.number(),
});
export type Passage = z.infer<typeof PassageSchema>;

export const EVIDENCE_VERDICTS = ['supports', 'weak', 'not-found'] as const;
export type EvidenceVerdict = (typeof EVIDENCE_VERDICTS)[number];

export const TITLE_MATCH_VERDICTS = ['match', 'mismatch', 'no-cited-title', 'no-source-title'] as const;

export const UNREADABLE_REASONS = ['unreadable-type', 'too-large', 'fetch-failed', 'empty', 'parse-failed'] as const;
export type UnreadableReason = (typeof UNREADABLE_REASONS)[number];

/** Which of the claim's specific parts the best passage repeats (each list: wanted, found). */
const FeatureMatchSchema = z.object({ wanted: z.array(z.string()), found: z.array(z.string()) });
export const EvidenceSignalsSchema = z.object({
  /** IDF-weighted share of the claim's content terms present in the passage, 0..1. */
  termCoverage: z.number(),
  numbers: FeatureMatchSchema,
  dates: FeatureMatchSchema,
  names: FeatureMatchSchema,
  quotes: FeatureMatchSchema,
  /** One of claim and passage is negated ("not", "never", "n't") and the other is not. */
  negationMismatch: z.boolean(),
  /** The claim says up ("rose") where the passage only says down ("fell"), or the reverse. */
  directionConflict: z.boolean(),
  /** Claim words found nowhere in the source (nor its titles): what the source never mentions. */
  absentWords: z.array(z.string()),
});
export type EvidenceSignals = z.infer<typeof EvidenceSignalsSchema>;

/** Does the source still say what the claim says? Lexical evidence only. */
export const SourceEvidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('read'),
    sourceUrl: z.string(),
    /** URL the text was read from after redirects. */
    finalUrl: z.string(),
    from: z.enum(['live', 'archive']),
    contentType: z.string().nullable(),
    /** PDF page count; null for HTML and text. */
    pageCount: z.number().int().nullable(),
    titles: z.array(z.string()),
    titleMatch: z.object({
      verdict: z.enum(TITLE_MATCH_VERDICTS),
      score: z.number().nullable(),
      citedTitle: z.string().nullable(),
      /** The source title closest to the cited one. */
      sourceTitle: z.string().nullable(),
    }),
    verdict: z.enum(EVIDENCE_VERDICTS),
    score: z.number(),
    /** Best passages first; the first one decided `verdict`. */
    passages: z.array(PassageSchema),
    /** Signals of the best passage, null when no passage shares a term with the claim. */
    signals: EvidenceSignalsSchema.nullable(),
    /** When the citation names a page and the source is a PDF. */
    locator: z
      .object({
        /** Page number as cited. */
        page: z.number().int(),
        /** PDF page indexes (1-based) searched as the cited page, best guess first. */
        searchedPages: z.array(z.number().int()),
        found: z.boolean(),
        /** PDF page index holding the evidence, when found there. */
        pdfPage: z.number().int().nullable(),
      })
      .nullable(),
    /** When the URL carries `#:~:text=`. */
    textFragment: z.object({ text: z.string(), found: z.boolean() }).nullable(),
    /** Live text against the capture near the reference date. */
    drift: z.object({ comparedUrl: z.string(), similarity: z.number(), changed: z.boolean() }).nullable(),
  }),
  z.object({
    kind: z.literal('unreadable'),
    sourceUrl: z.string(),
    from: z.enum(['live', 'archive']),
    reason: z.enum(UNREADABLE_REASONS),
    contentType: z.string().nullable(),
    message: z.string(),
  }),
]);
export type SourceEvidence = z.infer<typeof SourceEvidenceSchema>;
