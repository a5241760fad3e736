import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, REPO_ROOT } from '../helpers/built-cli.js';
import { type LoopbackWeb, loopbackConfig, startLoopbackWeb } from '../integration/pipeline/loopback-web.js';

// The README's library example, run against the built package (what `import ... from 'citecheck'` loads).
describe("import { runAudit } from 'citecheck' (built package)", () => {
  let web: LoopbackWeb;
  let dir: string;
  let citecheck: typeof import('../../src/index.js');

  beforeAll(async () => {
    ensureBuiltCli();
    citecheck = await import(pathToFileURL(join(REPO_ROOT, 'dist/index.js')).href);
    web = await startLoopbackWeb();
    dir = mkdtempSync(join(tmpdir(), 'citecheck-e2e-lib-'));
    writeFileSync(join(dir, 'profile.md'), web.document());
    writeFileSync(join(dir, 'citecheck.config.json'), JSON.stringify(loopbackConfig(web)));
  }, 300_000);

  afterAll(async () => {
    await web?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the config, audits, renders, and decides the exit code', async () => {
    const { loadConfig, runAudit, renderMarkdown, renderSarif } = citecheck;
    const config = await loadConfig({ cwd: dir, env: {}, flags: {} });
    const { report, exit } = await runAudit(['profile.md'], { config, cwd: dir });
    expect(exit.code).toBe(1);
    expect(report.summary.linkStates.rot).toBe(2);
    expect(renderMarkdown(report)).toContain('Replacement to paste');
    expect(JSON.parse(renderSarif(report)).version).toBe('2.1.0');
  });
});
