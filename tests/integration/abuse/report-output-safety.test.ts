import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema, REPORT_FORMATS } from '../../../src/model/config.js';
import { runAudit } from '../../../src/pipeline.js';
import { REPORT_FILE_NAMES, writeReports } from '../../../src/report/write-reports.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { type LoopbackServer, reply, routes, startLoopbackServer } from '../../helpers/loopback-server.js';
import { lookupFrom } from '../faults/check-harness.js';

/**
 * Output safety end to end: hostile text in a document, in its file name and in the titles
 * of the pages it cites goes through a whole audit and every renderer. Static checks here;
 * the report engineer runs the HTML in Chromium (tests/unit/report/html-browser.test.ts).
 */
const SCRIPT = '<script>document.title="pwned"</script>';
const IMG = '<img src=x onerror=alert(1)>';
const SVG = '<svg onload=alert(2)>';
const FORMULAS = ['=HYPERLINK("http://evil.invalid","click")', '+SUM(1,2)', '@cmd', '-2+3', "=cmd|' /C calc'!A0"];
const HOSTILE_FILE = `${SVG}=1+2.md`;

/** RFC 4180 cells, quotes and CRLF inside quotes handled. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('reports built from hostile input', () => {
  let site: LoopbackServer;
  let dir: string;
  let out: string;

  beforeAll(async () => {
    const page = (title: string) =>
      `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>The coalition formed in 2017.</p></body></html>`;
    site = await startLoopbackServer(
      routes({
        '/canary': reply(204),
        '/script-title': reply(200, page(`Report &lt;/title&gt;${SCRIPT}`)),
        '/formula-title': reply(200, page(FORMULAS[0] ?? '')),
        '/gone': reply(404, page('404 Not Found')),
      }),
    );
    dir = mkdtempSync(join(tmpdir(), 'citecheck-abuse-'));
    out = join(dir, 'out');
    const claims = [
      `The coalition formed in 2017 ${SCRIPT} and ${IMG}.[^1]`,
      `${FORMULAS[1]} claim with a formula.[^2]`,
      `${FORMULAS[4]} is a claim too.[^3]`,
    ];
    const notes = [
      `[^1]: ${FORMULAS[2]} Author, “${SVG} Title,” Publisher, 2020, ${site.url('/script-title')}.`,
      `[^2]: ${FORMULAS[3]}, “${FORMULAS[0]},” ${site.url('/formula-title')}.`,
      `[^3]: Someone, “${SCRIPT},” ${site.url('/gone')}.`,
    ];
    writeFileSync(join(dir, HOSTILE_FILE), `# Profile ${IMG}\n\n${claims.join('\n\n')}\n\n${notes.join('\n')}\n`);
  });
  afterAll(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('escapes script, handlers and formulas in every format and writes only fixed file names', async () => {
    const config = ConfigSchema.parse({
      check: {
        allowPrivate: true,
        canaryUrls: [site.url('/canary')],
        retries: 1,
        hostIntervalMs: 0,
        totalTimeoutMs: 5_000,
      },
      archive: { enabled: false, waybackBaseUrl: site.origin, availabilityBaseUrl: site.origin },
    });
    // No name resolves (the payload URLs are .invalid): nothing may leave loopback.
    const deps = { store: createMemoryStore(), lookup: lookupFrom({}) };
    const { report } = await runAudit([HOSTILE_FILE], { config, cwd: dir }, deps);
    // The hostile text really reached the report: the checks below are not vacuous.
    expect(JSON.stringify(report)).toContain('document.title');
    expect(JSON.stringify(report)).toContain('HYPERLINK');

    const written = await writeReports(report, {
      formats: REPORT_FORMATS,
      outputDir: 'out',
      cwd: dir,
      stdout: process.stdout,
    });
    expect(readdirSync(out).sort()).toEqual(Object.values(REPORT_FILE_NAMES).sort());
    expect(written.every((path) => path.startsWith(`${out}/`))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([HOSTILE_FILE, 'out'].sort());

    const read = (name: string) => readFileSync(join(out, name), 'utf8');
    // SARIF is JSON whose messages are plain text: it must stay parseable, nothing more.
    expect(() => JSON.parse(read(REPORT_FILE_NAMES.sarif))).not.toThrow();
    for (const name of [REPORT_FILE_NAMES.html, REPORT_FILE_NAMES.junit]) {
      const text = read(name);
      expect(text, name).not.toContain(SCRIPT);
      expect(text, name).not.toMatch(/<img[^>]*onerror/i);
      expect(text, name).not.toMatch(/<svg[^>]*onload/i);
    }
    expect(read(REPORT_FILE_NAMES.md)).not.toContain(SCRIPT);

    const cells = parseCsv(read(REPORT_FILE_NAMES.csv)).flat();
    expect(cells.some((c) => c.includes('HYPERLINK'))).toBe(true);
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(?:\.\d+)?$/.test(c));
    expect(dangerous).toEqual([]);
  }, 30_000);
});
