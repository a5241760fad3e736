/**
 * A floor for CPU and memory, not a link checker: every unique URL fetched once with undici
 * (GET, body read to 64 KiB, no redirects followed, no retries, no verdict) under the same
 * per-host limits. What citecheck costs above this is the price of its verdicts.
 * Usage: node undici-floor-driver.mjs <policy.json> <urls.txt> <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const BODY_CAP_BYTES = 64 * 1024;
const [policyPath, urlsPath, outPath] = process.argv.slice(2);
const policy = JSON.parse(readFileSync(policyPath, 'utf8'));
const agent = new Agent({
  connections: policy.hostConcurrency,
  headersTimeout: policy.headersTimeoutMs,
  bodyTimeout: policy.headersTimeoutMs,
});
const unique = [
  ...new Set(
    readFileSync(urlsPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((u) => u.split('#')[0]),
  ),
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function fetchOnce(url) {
  try {
    const res = await request(url, {
      dispatcher: agent,
      method: 'GET',
      signal: AbortSignal.timeout(policy.totalTimeoutMs),
    });
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size >= BODY_CAP_BYTES) {
        res.body.destroy();
        break;
      }
    }
    return { url, status: res.statusCode };
  } catch (error) {
    return { url, status: null, code: error.code ?? 'ERROR' };
  }
}

/** One FIFO per host: `hostConcurrency` workers, starts at least `hostIntervalMs` apart. */
async function runHost(urls) {
  let lastStartMs = Number.NEGATIVE_INFINITY;
  let next = 0;
  const results = [];
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const waitMs = lastStartMs + policy.hostIntervalMs - performance.now();
      lastStartMs = Math.max(performance.now(), lastStartMs + policy.hostIntervalMs);
      if (waitMs > 0) await sleep(waitMs);
      results.push(await fetchOnce(url));
    }
  };
  await Promise.all(Array.from({ length: policy.hostConcurrency }, worker));
  return results;
}

const byHost = new Map();
for (const url of unique) {
  const host = new URL(url).host;
  byHost.set(host, [...(byHost.get(host) ?? []), url]);
}
const started = performance.now();
const results = (await Promise.all([...byHost.values()].map(runHost))).flat();
await agent.close();
writeFileSync(outPath, JSON.stringify({ elapsedMs: performance.now() - started, results }));
