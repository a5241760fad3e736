/**
 * citecheck as a user runs it: the built CLI (`citecheck check`) on the scenario's text, HTML
 * and Markdown documents, with the same policy as the library row (tools/citecheck.mjs) set
 * through a config file, and the SQLite results store on (a fresh file each run). So this row
 * adds what the library row leaves out: process start-up, extraction of the three documents,
 * a store write per result and the JSON results file.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { citecheck, citecheckConfig } from './citecheck.mjs';

const CLI = join(import.meta.dirname, '../../dist/cli/main.js');

export const citecheckCli = {
  name: 'citecheck-cli',
  settings: (policy) => `${citecheck.settings(policy)}; \`citecheck check\` on the 3 documents, SQLite store on`,
  command({ scenario, files, policy, workDir }) {
    const config = join(workDir, 'citecheck-cli.config.json');
    const store = join(workDir, 'citecheck-cli-results.db');
    const out = join(workDir, 'citecheck-cli-out.json');
    writeFileSync(config, JSON.stringify({ check: citecheckConfig(policy, `${scenario.hosts[0].origin}/`) }));
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${store}${suffix}`, { force: true });
    writeFileSync(out, '');
    return {
      command: process.execPath,
      args: [CLI, 'check', ...files.citecheck, '--config', config, '--store', store, '--output', out],
      outputFile: out,
    };
  },
  parse({ outputFile }) {
    const { results } = JSON.parse(readFileSync(outputFile, 'utf8'));
    return citecheck.categorize(results.map((r) => ({ url: r.url, kind: r.verdict.kind })));
  },
};
