import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/render-html.js';
import { loadFixtureReport } from './report-fixture.js';

// Debian's Chromium by default (.ci/run installs it); CHROMIUM_PATH points elsewhere (GitHub's
// runners ship Google Chrome). A developer machine without a browser skips; CI never does.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runBrowser = existsSync(CHROMIUM) || process.env.CI !== undefined;

describe.skipIf(!runBrowser)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'citecheck-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(loadFixtureReport()));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#citation-table tbody tr');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const rowCount = () => page.locator('#citation-table tbody tr').count();

  it('renders the summary, charts, table and per-claim view', async () => {
    expect(await page.locator('h1').textContent()).toBe('citecheck report');
    expect(await page.locator('.charts svg').count()).toBe(2);
    expect(await rowCount()).toBe(12);
    expect(await page.locator('#row-count').textContent()).toBe('Showing 12 of 12 citations');
    expect(await page.locator('details.claim').count()).toBe(8);
  });

  it('filters by text and by state', async () => {
    await page.fill('#filter', 'gone.example');
    expect(await rowCount()).toBe(2);
    await page.fill('#filter', '');
    await page.selectOption('#state-filter', 'rot');
    expect(await rowCount()).toBe(3);
    await page.selectOption('#state-filter', '');
    expect(await rowCount()).toBe(12);
  });

  it('sorts by a column, both ways', async () => {
    const lines = () => page.locator('#citation-table tbody tr td:nth-child(2)').allTextContents();
    await page.click('#citation-table th[data-key="line"] button');
    const ascending = (await lines()).map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.click('#citation-table th[data-key="line"] button');
    const descending = (await lines()).map(Number);
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    expect(await page.getAttribute('#citation-table th[data-key="line"]', 'aria-sort')).toBe('descending');
  });

  it('runs no script from document or web text, and shows that text as text', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('#claims').textContent()).toContain('<script>window.__pwned=1</script>');
    await page.fill('#filter', 'changed.example');
    expect(await page.locator('#citation-table tbody').textContent()).toContain(
      '</title><script>window.__pwned=2</script>',
    );
    expect(await page.evaluate(() => document.querySelectorAll('body script').length)).toBe(2);
  });

  it('has no console errors (CSP violations included) and makes no request beyond the file', async () => {
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });
});
