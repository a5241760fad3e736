import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { serializeJsonSchema } from '../../../src/cli/commands/schema.js';
import { extractHtml } from '../../../src/extract/html.js';
import { extractMarkdown } from '../../../src/extract/markdown.js';
import { extractPlainText } from '../../../src/extract/plain-text.js';
import { EXTRACT_SCHEMA_VERSION } from '../../../src/model/document.js';
import { generateJsonSchemas } from '../../../src/model/json-schema.js';

const schemaDirectory = new URL('../../../reports/schema/', import.meta.url);
const readFixture = (path: string) => readFileSync(new URL(`../../fixtures/extract/${path}`, import.meta.url), 'utf8');

describe('published JSON Schemas', () => {
  const generated = generateJsonSchemas();

  it('are committed in reports/schema exactly as generated (run `npm run build && npm run schema` after a model change)', () => {
    const committed = readdirSync(schemaDirectory)
      .filter((name) => name.endsWith('.schema.json'))
      .sort();
    expect(committed).toEqual(Object.keys(generated).sort());
    for (const [fileName, schema] of Object.entries(generated)) {
      expect(readFileSync(new URL(fileName, schemaDirectory), 'utf8'), fileName).toBe(serializeJsonSchema(schema));
    }
  });

  it('accept real extract output of every format and reject a broken one', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('extract.schema.json', schemaDirectory), 'utf8')));
    const result = {
      schemaVersion: EXTRACT_SCHEMA_VERSION,
      documents: [
        extractHtml(readFixture('html/wikipedia.html'), 'wikipedia.html'),
        extractMarkdown(readFixture('markdown/footnotes.md'), 'footnotes.md'),
        extractPlainText('A claim.“Title,” Publisher, https://example.org/a.', 'inline.txt'),
      ],
    };
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(result);
    (broken.documents[0]!.citations[0] as { line: unknown }).line = 0;
    expect(validate(broken)).toBe(false);
  });
});
