import { describe, expect, it } from 'vitest';
import * as citecheck from '../../src/index.js';

describe('public library API (src/index.ts)', () => {
  it.each([
    'runAudit',
    'loadConfig',
    'extractDocument',
    'extractCitedLinks',
    'readInputs',
    'checkLinks',
    'createHttpClient',
    'findSnapshots',
    'verifyCitations',
    'renderJson',
    'renderMarkdown',
    'renderHtml',
    'renderCsv',
    'renderSarif',
    'renderJunit',
    'fixDocument',
    'openSqliteStore',
    'createMemoryStore',
    'isRot',
    'isInconclusive',
  ])('exports %s as a function', (name) => {
    expect(typeof (citecheck as Record<string, unknown>)[name]).toBe('function');
  });

  it('exports the exit codes the README documents', () => {
    expect(citecheck.EXIT).toEqual({ ok: 0, policyFailed: 1, usage: 2, internal: 3, couldNotAudit: 4 });
  });
});
