import { z } from 'zod';

/** A Wayback URL's parts: `web.archive.org/web/<timestamp>/<original>`. */
export const ArchivedRefSchema = z.object({
  original: z.string(),
  timestamp: z.string().regex(/^\d{1,14}$/),
});
export type ArchivedRef = z.infer<typeof ArchivedRefSchema>;

/** One thing URL cleanup removed from what the author wrote, and the rule that removed it. */
export const CleanupStepSchema = z.object({
  rule: z.string(),
  removed: z.string(),
});
export type CleanupStep = z.infer<typeof CleanupStepSchema>;

/**
 * A citation as the author wrote it (`raw`, position) kept apart from what we derived
 * (cleaned `url`, parsed bibliographic fields).
 */
export const CitationSchema = z.object({
  id: z.string(),
  claimId: z.string(),
  raw: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  /** 0-based UTF-16 offset of `raw` in the document text. */
  offset: z.number().int().min(0),
  /** Cleaned http(s) URL without its fragment; null when the citation carries no URL. */
  url: z.string().nullable(),
  /** The URL exactly as it stands in the document (after cut-off residue), for rewriting. */
  urlText: z.string().nullable(),
  /** 0-based offset of `urlText` in the document text. */
  urlOffset: z.number().int().min(0).nullable(),
  /** Fragment without `#` (anchor or `:~:text=` directive), kept as metadata. */
  fragment: z.string().nullable(),
  /** Key used for checking: scheme/host lower-cased, default port dropped, no fragment. */
  linkKey: z.string().nullable(),
  authors: z.array(z.string()),
  title: z.string().nullable(),
  container: z.string().nullable(),
  date: z.string().nullable(),
  accessed: z.string().nullable(),
  locator: z.string().nullable(),
  archived: ArchivedRefSchema.nullable(),
  /**
   * What URL cleanup removed, in order. The extractor shares one frozen list between citations
   * with the same single step (or none): copy it before changing it.
   */
  cleanup: z.array(CleanupStepSchema),
});
export type Citation = z.infer<typeof CitationSchema>;
