#!/usr/bin/env node
/**
 * Where an extraction's peak memory goes, for one document (the numbers behind the README's
 * "what is alive at the peak"). Uses the built `dist/`.
 *
 *   node --expose-gc bench/extract-profile.mjs <text|html|markdown> <file> [--warm-up <file>] [--sampler]
 *
 * Prints the peak RSS over the baseline (taken after warm-up and a GC, as bench:extract does),
 * the heap before and after a full GC once the extraction is done (the difference is garbage V8
 * had not collected at the peak), and what the document and input keep alive.
 *
 * The warm-up is the document's own first ~1 MB unless `--warm-up` names another: the ratio can
 * then differ from bench:extract's by ~1x at 10 MB (how far V8 grew its heap before the
 * baseline), so the target is judged by bench:extract; this script is for what and where.
 *
 * `--sampler` runs the extraction twice under V8's allocation sampler, once keeping objects that
 * a full GC collected and once not (objects collected by young-generation GCs are left out both
 * times), and lists the allocation sites whose objects were promoted and then dropped: what
 * counts at the peak without being part of the result. Documents come from
 * `npm run bench:extract -- --keep` (bench/.work/extract/).
 */
import { accessSync, closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;
/** Sampling interval in bytes: small enough for sites of ~100 KB to show. */
const SAMPLING_INTERVAL = 4096;
const TOP_SITES = 20;

const { values, positionals } = parseArgs({
  options: { 'warm-up': { type: 'string' }, sampler: { type: 'boolean' } },
  allowPositionals: true,
  strict: true,
});
const [format, file] = positionals;
if (!globalThis.gc || !format || !file || !['text', 'html', 'markdown'].includes(format)) {
  process.stderr.write(
    'usage: node --expose-gc bench/extract-profile.mjs <text|html|markdown> <file> [--warm-up <file>] [--sampler]\n',
  );
  process.exit(2);
}
for (const path of [file, values['warm-up']].filter(Boolean)) {
  try {
    accessSync(path, constants.R_OK);
  } catch (error) {
    process.stderr.write(`extract-profile: cannot read ${path}: ${error.code ?? error.message}\n`);
    process.exit(2);
  }
}
const { extractHtml, extractMarkdown, extractPlainText } = await import(
  pathToFileURL(join(ROOT, 'dist/extract/index.js')).href
);
const extract = { text: extractPlainText, html: extractHtml, markdown: extractMarkdown }[format];
const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

// Warm-up as bench:extract does (3 passes over a ~1 MB document), then a GC before the baseline.
// Without --warm-up, the document's first ~1 MB, read on its own: a slice of the whole would keep
// the whole alive through the baseline.
const warmUp = values['warm-up'] ? readFileSync(values['warm-up'], 'utf8') : leadingText(file, MB);
for (let pass = 0; pass < 3; pass++) extract(warmUp, 'warm-up');
globalThis.gc();

const baseline = process.memoryUsage();
const text = readFileSync(file, 'utf8');
const inputBytes = Buffer.byteLength(text);
const started = performance.now();
let document = extract(text, file);
const elapsed = performance.now() - started;
const peakRss = process.resourceUsage().maxRSS * 1024;
const atEnd = process.memoryUsage().heapUsed;
globalThis.gc();
const live = process.memoryUsage().heapUsed;
process.stdout.write(
  [
    `${format} ${mb(inputBytes)}: ${document.citations.length} citations, ${document.claims.length} claims, ${(elapsed / 1000).toFixed(2)} s`,
    `peak RSS over baseline: ${mb(peakRss - baseline.rss)} (${((peakRss - baseline.rss) / inputBytes).toFixed(2)}x the input)`,
    `heap over baseline at the end: ${mb(atEnd - baseline.heapUsed)}; after a full GC: ${mb(live - baseline.heapUsed)} (input string and result); garbage: ${mb(atEnd - live)}`,
    '',
  ].join('\n'),
);

if (values.sampler) {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  const sample = async (keepMajorGarbage) => {
    document = null;
    globalThis.gc();
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: SAMPLING_INTERVAL,
      includeObjectsCollectedByMajorGC: keepMajorGarbage,
      includeObjectsCollectedByMinorGC: false,
    });
    document = extract(text, file);
    globalThis.gc();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    return bytesBySite(profile.head);
  };
  const promoted = await sample(true);
  const kept = await sample(false);
  const rows = [...promoted].map(([site, bytes]) => [site, bytes - (kept.get(site) ?? 0), kept.get(site) ?? 0]);
  rows.sort((a, b) => b[1] - a[1]);
  process.stdout.write('promoted, then dropped | kept | allocation site\n');
  for (const [site, dropped, stays] of rows.slice(0, TOP_SITES)) {
    process.stdout.write(`${mb(dropped).padStart(10)} | ${mb(stays).padStart(9)} | ${site}\n`);
  }
  session.disconnect();
}

/** The first paragraphs of `path`, up to about `bytes` bytes. */
function leadingText(path, bytes) {
  const buffer = Buffer.alloc(bytes + 64 * 1024);
  const descriptor = openSync(path, 'r');
  const read = readSync(descriptor, buffer, 0, buffer.length, 0);
  closeSync(descriptor);
  const text = buffer.toString('utf8', 0, read);
  const end = text.indexOf('\n\n', Math.floor(text.length * 0.9));
  return end === -1 ? text : text.slice(0, end + 1);
}

function bytesBySite(root) {
  const bytes = new Map();
  const visit = (node) => {
    const frame = node.callFrame;
    const site = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    if (node.selfSize > 0) bytes.set(site, (bytes.get(site) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return bytes;
}
