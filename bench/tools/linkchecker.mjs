/**
 * LinkChecker (Debian package `linkchecker`): per-host throttle `maxrequestspersecond`
 * (set to 1000/hostInterval; it waits a random 1x..6x of 1/rate between starts, and never
 * less than 0.1 s unless the server sends a `LinkChecker` header), `threads` as global
 * concurrency, robots.txt honoured (its default), no retries. It reads the HTML document;
 * `--check-extern -r 1` checks every link in it without crawling further.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const linkchecker = {
  name: 'linkchecker',
  binary: '/usr/bin/linkchecker',
  settings: (policy) =>
    `threads=10, maxrequestspersecond=${Math.round(1000 / Math.max(1, policy.hostIntervalMs))} (waits 0.1-0.6 s between starts to one host), timeout=${Math.ceil(policy.totalTimeoutMs / 1000)} s, robotstxt=1, --check-extern -r 1`,
  available: () => existsSync('/usr/bin/linkchecker'),
  command({ files, policy, workDir }) {
    // When run as root LinkChecker drops to `nobody`: its files must be world-writable.
    chmodSync(workDir, 0o777);
    const config = join(workDir, 'linkcheckerrc');
    writeFileSync(
      config,
      [
        '[checking]',
        'threads=10',
        `maxrequestspersecond=${Math.round(1000 / Math.max(1, policy.hostIntervalMs))}`,
        `timeout=${Math.ceil(policy.totalTimeoutMs / 1000)}`,
        '[output]',
        'status=0',
        '',
      ].join('\n'),
    );
    const out = join(workDir, 'linkchecker.csv');
    writeFileSync(out, '');
    chmodSync(out, 0o666);
    return {
      command: '/usr/bin/linkchecker',
      args: [
        '-f',
        config,
        '--check-extern',
        '-r',
        '1',
        '-v',
        '--no-status',
        '-o',
        'none',
        '-F',
        `csv/utf-8/${out}`,
        files.html,
      ],
      outputFile: out,
    };
  },
  parse({ outputFile }) {
    const verdicts = new Map();
    const lines = readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    const header = (lines.shift() ?? '').split(';');
    const col = (name) => header.indexOf(name);
    for (const line of lines) {
      const cells = line.split(';');
      const url = cells[col('urlname')] ?? '';
      if (!url.startsWith('http')) continue;
      const valid = cells[col('valid')] === 'True';
      const u = new URL(url);
      u.hash = '';
      verdicts.set(u.href, valid ? 'live' : 'rot');
    }
    return verdicts;
  },
};
