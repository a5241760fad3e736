import { describe, expect, it } from 'vitest';
import {
  csvCell,
  escapeHtml,
  escapeWorkflowData,
  escapeWorkflowProperty,
  escapeXml,
  serializeJsonForScript,
} from '../../../src/report/escape.js';
import { renderCsv } from '../../../src/report/render-csv.js';
import { loadFixtureReport } from './report-fixture.js';

describe('CSV formula injection', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('prefixes a cell starting with %j', (value) => {
    expect(csvCell(value).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
  });

  it('leaves plain text and numbers alone, and quotes per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe('');
  });

  it('no cell of the fixture report starts with a formula character', () => {
    const cells = renderCsv(loadFixtureReport())
      .split('\r\n')
      .flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) ?? []);
    const unquoted = cells.map((c) => c.replace(/^"/, ''));
    expect(unquoted.some((c) => /^'=HYPERLINK/.test(c))).toBe(true);
    expect(unquoted.filter((c) => /^[=+@\t\r]/.test(c))).toEqual([]);
  });
});

describe('escaping', () => {
  it('HTML escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('XML drops characters XML 1.0 cannot hold', () => {
    expect(escapeXml('a\u0000b\u0007c<')).toBe('abc&lt;');
  });

  it('JSON in a script block cannot close the block', () => {
    const json = serializeJsonForScript({ t: '</script><!-- \u2028' });
    expect(json).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(json)).toEqual({ t: '</script><!-- \u2028' });
  });

  it('workflow commands escape %, CR, LF, and in properties : and ,', () => {
    expect(escapeWorkflowData('50%\r\nnext')).toBe('50%25%0D%0Anext');
    expect(escapeWorkflowProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});
