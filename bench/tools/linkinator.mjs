/**
 * linkinator: no per-host limit (its issue #527), so the closest polite setting is a global
 * `--concurrency` equal to our per-host limit; `--retry` honours Retry-After on 429 and
 * `--retry-errors` retries 5xx and network errors. It reads the HTML document.
 * The `linkinator-default` variant runs it as most users do (concurrency 100).
 */
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../node_modules/linkinator/build/src/cli.js');
const STATE = { OK: 'live', BROKEN: 'rot', SKIPPED: 'inconclusive' };

function makeLinkinator(name, concurrencyOf, settings) {
  return {
    name,
    settings,
    /** Its JSON leaves out the links it skips (999, 403 with cf-mitigated): it did not call them dead. */
    unreported: 'inconclusive',
    command({ files, policy }) {
      return {
        command: process.execPath,
        args: [
          BIN,
          files.html,
          '--format',
          'json',
          '--concurrency',
          String(concurrencyOf(policy)),
          '--timeout',
          String(policy.totalTimeoutMs),
          '--retry',
          '--retry-errors',
          '--retry-errors-count',
          String(policy.retries - 1),
        ],
      };
    },
    parse({ stdout }) {
      const verdicts = new Map();
      const json = JSON.parse(stdout.slice(stdout.indexOf('{')));
      for (const link of json.links ?? []) {
        if (!link.parent) continue; // the document itself
        verdicts.set(link.url, STATE[link.state] ?? 'inconclusive');
      }
      return verdicts;
    },
  };
}

export const linkinator = makeLinkinator(
  'linkinator',
  (policy) => policy.hostConcurrency,
  (policy) =>
    `--concurrency ${policy.hostConcurrency} (global; no per-host limit exists) --timeout ${policy.totalTimeoutMs} --retry --retry-errors --retry-errors-count ${policy.retries - 1}`,
);

export const linkinatorDefault = makeLinkinator(
  'linkinator-default',
  () => 100,
  (policy) =>
    `--concurrency 100 (its default) --timeout ${policy.totalTimeoutMs} --retry --retry-errors --retry-errors-count ${policy.retries - 1}`,
);
