#!/usr/bin/env node
/**
 * `node bench/verify.mjs`: evidence search time per citation on a generated 50-page PDF
 * report (about 500 words a page), with the one-time PDF parse and index build reported
 * apart. Target (issue 6): at most 20 ms per citation. Runs the built library: `npm run
 * build` first. Offline: no server, no network.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const DIST = new URL('../dist/verify/index.js', import.meta.url);
if (!existsSync(DIST)) {
  console.error('bench/verify.mjs runs the built library: run `npm run build` first.');
  process.exit(1);
}
const { findEvidence, indexSource, locateEvidence, readSource } = await import(DIST.href);

const { values: flags } = parseArgs({
  options: {
    pages: { type: 'string', default: '50' },
    claims: { type: 'string', default: '200' },
    seed: { type: 'string', default: '7' },
    json: { type: 'boolean', default: false },
  },
});
const PAGE_COUNT = Number(flags.pages);
const CLAIM_COUNT = Number(flags.claims);
const TARGET_MS = 20;

/** Mulberry32: a small seeded generator so every run parses and searches the same text. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(Number(flags.seed));
const pick = (list) => list[Math.floor(random() * list.length)];

const SUBJECTS = [
  'Groundwater abstraction',
  'Nitrate concentration',
  'Phosphorus load',
  'Flood damage',
  'Wetland area',
  'Freight traffic',
  'Hydropower output',
  'Drinking water demand',
  'Sediment transport',
  'Fish population',
  'Irrigation withdrawal',
  'Mercury contamination',
];
const PLACES = ['the upper basin', 'the Saale catchment', 'the tidal reach', 'the Vltava', 'the middle Elbe', 'Saxony'];
const VERBS = ['rose to', 'fell to', 'reached', 'was estimated at', 'averaged', 'peaked at'];
const UNITS = ['million cubic metres', 'tonnes', 'hectares', 'milligrams per litre', 'gigawatt hours', 'percent'];
const CLAUSES = [
  'according to the monitoring programme',
  'despite a wet spring',
  'after new treatment plants opened',
  'well below the long-term average',
  'for the third year in a row',
  'as reported by the national delegations',
];

function sentence() {
  const year = 2000 + Math.floor(random() * 21);
  const value = (random() * 900 + 10).toFixed(random() < 0.5 ? 0 : 1);
  return `${pick(SUBJECTS)} in ${pick(PLACES)} ${pick(VERBS)} ${value} ${pick(UNITS)} in ${year}, ${pick(CLAUSES)}.`;
}

async function buildReport() {
  const doc = await PDFDocument.create();
  doc.setTitle('Generated River Basin Report');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = [];
  for (let p = 0; p < PAGE_COUNT; p += 1) {
    const page = doc.addPage([595, 842]);
    const sentences = Array.from({ length: 28 }, sentence);
    pages.push(sentences);
    let y = 800;
    let line = '';
    const flush = () => {
      page.drawText(line, { x: 40, y, size: 8, font });
      y -= 11;
      line = '';
    };
    for (const word of sentences.join(' ').split(' ')) {
      if (line.length + word.length > 120) flush();
      line = line ? `${line} ${word}` : word;
    }
    if (line) flush();
    page.drawText(String(p + 1), { x: 290, y: 20, size: 8, font });
  }
  return { bytes: Buffer.from(await doc.save()), pages };
}

function claimsFrom(pages) {
  const claims = [];
  for (let i = 0; i < CLAIM_COUNT; i += 1) {
    const page = Math.floor(random() * pages.length);
    const kind = i % 4;
    if (kind === 3) {
      claims.push({ text: 'Protected bike lanes cut cyclist injuries by 28 percent in Rotterdam.', locator: null });
      continue;
    }
    const original = pick(pages[page]);
    // Reworded a little, as a citing author would: drop the trailing clause, change the verb.
    const text = kind === 1 ? original.replace(/, [^,]+\.$/, '.').replace(/ rose to /, ' increased to ') : original;
    claims.push({ text, locator: kind === 2 ? `p. ${page + 1}` : null });
  }
  return claims;
}

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const { bytes, pages } = await buildReport();
const parseStart = performance.now();
const source = await readSource(bytes, 'application/pdf', 'https://bench.invalid/report.pdf');
const parseMs = performance.now() - parseStart;
if (source.kind !== 'text') throw new Error(`bench PDF unreadable: ${source.message}`);
const indexStart = performance.now();
const index = indexSource(source);
const indexMs = performance.now() - indexStart;

const claims = claimsFrom(pages);
// Warm-up so the first measured claims do not pay for JIT compilation.
for (const claim of claims.slice(0, 10)) findEvidence(claim.text, index);
const times = [];
const verdicts = { supports: 0, weak: 0, 'not-found': 0 };
// CPU time as well as wall time: on a shared, loaded machine the wall-time tail is waiting for a core.
const cpuStart = process.cpuUsage();
for (const claim of claims) {
  const start = performance.now();
  const result = findEvidence(claim.text, index);
  locateEvidence(claim.text, index, claim.locator);
  times.push(performance.now() - start);
  verdicts[result.verdict] += 1;
}
const cpu = process.cpuUsage(cpuStart);
const cpuPerCitationMs = (cpu.user + cpu.system) / 1000 / claims.length;
times.sort((a, b) => a - b);
const mean = times.reduce((s, t) => s + t, 0) / times.length;
const result = {
  pages: source.pages.length,
  pdfBytes: bytes.length,
  windows: index.windows.length,
  words: source.pages.reduce((n, p) => n + p.blocks.join(' ').split(/\s+/).length, 0),
  parseMs: Math.round(parseMs),
  indexMs: Math.round(indexMs),
  claims: claims.length,
  cpuPerCitationMs: +cpuPerCitationMs.toFixed(2),
  perCitationMs: {
    mean: +mean.toFixed(2),
    p50: +percentile(times, 0.5).toFixed(2),
    p95: +percentile(times, 0.95).toFixed(2),
    max: +times.at(-1).toFixed(2),
  },
  verdicts,
  targetMs: TARGET_MS,
  withinTarget: percentile(times, 0.95) <= TARGET_MS,
};
if (flags.json) console.log(JSON.stringify(result));
else {
  console.log(`PDF: ${result.pages} pages, ${result.words} words, ${result.pdfBytes} bytes, ${result.windows} windows`);
  console.log(`one-time: parse ${result.parseMs} ms, index ${result.indexMs} ms`);
  const t = result.perCitationMs;
  console.log(
    `evidence search + locator per citation (${result.claims} claims): mean ${t.mean} ms, p50 ${t.p50} ms, p95 ${t.p95} ms, max ${t.max} ms`,
  );
  console.log(`CPU time per citation: ${result.cpuPerCitationMs} ms`);
  console.log(
    `verdicts: ${JSON.stringify(verdicts)}; target p95 <= ${TARGET_MS} ms: ${result.withinTarget ? 'met' : 'MISSED'}`,
  );
}
