import { z } from 'zod';
import { CitationSchema } from './citation.js';
import { ClaimSchema } from './claim.js';

export const DOCUMENT_FORMATS = ['text', 'html', 'markdown'] as const;
export const DocumentFormatSchema = z.enum(DOCUMENT_FORMATS);
export type DocumentFormat = z.infer<typeof DocumentFormatSchema>;

/** Something found while extracting that could not become a citation; nothing is dropped silently. */
export const ExtractWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().min(1).nullable(),
  column: z.number().int().min(1).nullable(),
  text: z.string().nullable(),
});
export type ExtractWarning = z.infer<typeof ExtractWarningSchema>;

export const ExtractedDocumentSchema = z.object({
  path: z.string(),
  format: DocumentFormatSchema,
  claims: z.array(ClaimSchema),
  citations: z.array(CitationSchema),
  warnings: z.array(ExtractWarningSchema),
});
export type ExtractedDocument = z.infer<typeof ExtractedDocumentSchema>;

export const EXTRACT_SCHEMA_VERSION = 1 as const;
export const ExtractResultSchema = z.object({
  schemaVersion: z.literal(EXTRACT_SCHEMA_VERSION),
  documents: z.array(ExtractedDocumentSchema),
});
export type ExtractResult = z.infer<typeof ExtractResultSchema>;
