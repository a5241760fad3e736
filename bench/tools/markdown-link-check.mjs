/**
 * markdown-link-check: checks 2 links at a time per file (hard-coded), no per-host limit and
 * no interval; its config gives a timeout, Retry-After retries on 429 and the alive codes.
 * It reads the Markdown document; a network failure is status 0 and reported dead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../node_modules/markdown-link-check/markdown-link-check');
const MARK = { '✓': 'live', '✖': 'rot', '/': 'inconclusive' };

export const markdownLinkCheck = {
  name: 'markdown-link-check',
  settings: (policy) =>
    `config {timeout: "${policy.totalTimeoutMs}ms", retryOn429: true, retryCount: ${policy.retries - 1}, fallbackRetryDelay: "1s", aliveStatusCodes: [200, 206]}; 2 links in flight (fixed)`,
  command({ files, policy, workDir }) {
    const config = join(workDir, 'markdown-link-check.json');
    writeFileSync(
      config,
      JSON.stringify({
        timeout: `${policy.totalTimeoutMs}ms`,
        retryOn429: true,
        retryCount: policy.retries - 1,
        fallbackRetryDelay: '1s',
        aliveStatusCodes: [200, 206],
      }),
    );
    return { command: process.execPath, args: [BIN, '-c', config, files.markdown] };
  },
  parse({ stdout }) {
    const verdicts = new Map();
    for (const match of stdout.matchAll(/\[(✓|✖|\/)\] (\S+)/g)) {
      const url = new URL(match[2]);
      url.hash = '';
      verdicts.set(url.href, MARK[match[1]]);
    }
    return verdicts;
  },
};
