import { z } from 'zod';
import { ExtractResultSchema } from './document.js';
import { ReportSchema } from './report.js';

/** The documents whose JSON Schema we publish, by file name. Add new published outputs here. */
const PUBLISHED_SCHEMAS: Readonly<Record<string, { schema: z.ZodType; title: string }>> = {
  'extract.schema.json': { schema: ExtractResultSchema, title: 'citecheck extract --json output' },
  'report.schema.json': { schema: ReportSchema, title: 'citecheck audit report (report.json)' },
};

/**
 * JSON Schemas generated from the same zod schemas that validate our output, so the published
 * contract cannot drift from the code (a test pins the committed files in reports/schema/).
 */
export function generateJsonSchemas(): Record<string, Record<string, unknown>> {
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const [fileName, { schema, title }] of Object.entries(PUBLISHED_SCHEMAS)) {
    const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });
    schemas[fileName] = { ...generated, title };
  }
  return schemas;
}
