import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../../src/report/render-sarif.js';
import { FIXTURE_DIR, loadFixtureReport } from './report-fixture.js';

/** The vendored SARIF 2.1.0 schema (draft-04 syntax), loaded in Ajv's draft-07 mode; see its README. */
function compileSarifSchema() {
  const schema = JSON.parse(readFileSync(join(FIXTURE_DIR, 'sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const { $schema: _draft04, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile({ ...rest, $id: id });
}

describe('renderSarif', () => {
  const validate = compileSarifSchema();
  const report = loadFixtureReport();
  const sarif = JSON.parse(renderSarif(report));

  it('is valid against the SARIF 2.1.0 schema', () => {
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const broken = structuredClone(sarif);
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
  });

  it('has one result per problem citation, located at its line and column, with one rule per kind', () => {
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
    }>;
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string }>;
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ['broken', 'error', 2],
      ['broken', 'error', 3],
      ['soft-404', 'error', 5],
      ['blocked', 'note', 6],
      ['timeout', 'note', 6],
      ['suspect', 'warning', 7],
      ['title-mismatch', 'warning', 8],
    ]);
    for (const r of results) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(results[0]?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'citations/sample.txt', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 131 },
    });
  });
});
