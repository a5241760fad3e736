/**
 * Writes a scenario's citations as documents in the sample's style (prose with footnote
 * citations "Author, “Title,” Publisher, Month D, YYYY, URL."): citecheck reads a text, an
 * HTML and a Markdown document that split the citations between them; the peers, which read
 * only HTML or Markdown, get one document holding every citation (`all.html`, `all.md`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from './random.mjs';

const AUTHORS = ['Ryan CK Hess', 'Rahma Bayrakdar', 'Thomas Joscelyn', 'Conor Gaffey', 'Héni Nsaibia', 'Caleb Weiss'];
const PUBLISHERS = ['Critical Threats', 'Long War Journal', 'United Nations Security Council', 'Newsweek', 'ACLED'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October'];
const SENTENCES = [
  'The group expanded its operations to neighbouring countries in recent years',
  'Regional governments struggled to contain the insurgency in the border areas',
  'Analysts attributed the attacks to a coalition of local armed groups',
  'The United Nations mission reported a sharp increase in incidents',
  'Its leadership announced a merger with several smaller factions',
  'Humanitarian access remained limited throughout the rainy season',
];
const CITATIONS_PER_PARAGRAPH = 4;

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function reference(random, url) {
  const date = `${random.pick(MONTHS)} ${random.int(1, 28)}, ${random.int(2009, 2024)}`;
  return {
    author: random.pick(AUTHORS),
    title: `${random.pick(SENTENCES).split(' ').slice(1, 6).join(' ')}`,
    publisher: random.pick(PUBLISHERS),
    date,
    url,
  };
}

const textCitation = (r) => `${r.author}, “${r.title},” ${r.publisher}, ${r.date}, ${r.url}.`;
const htmlCitation = (r) =>
  `${escapeHtml(r.author)}, “${escapeHtml(r.title)},” ${escapeHtml(r.publisher)}, ${r.date}, <a href="${escapeHtml(r.url)}">${escapeHtml(r.url)}</a>.`;
const markdownCitation = (r) => `${r.author}, “${r.title},” ${r.publisher}, ${r.date}, <${r.url}>.`;

function paragraphs(items, render) {
  const out = [];
  for (let i = 0; i < items.length; i += CITATIONS_PER_PARAGRAPH)
    out.push(render(items.slice(i, i + CITATIONS_PER_PARAGRAPH), i));
  return out;
}

function writeText(refs, random) {
  const body = paragraphs(refs, (group) => group.map((r) => `${random.pick(SENTENCES)}.${textCitation(r)}`).join(' '));
  return `Simulated profile\n\nExecutive Summary:\n\n${body.join('\n\n')}\n`;
}

function writeHtml(refs, random) {
  let n = 0;
  const notes = [];
  const body = paragraphs(refs, (group) => {
    const sentences = group.map((r) => {
      n++;
      notes.push(`<li id="fn${n}">${htmlCitation(r)}</li>`);
      return `${random.pick(SENTENCES)}.<sup><a href="#fn${n}">${n}</a></sup>`;
    });
    return `<p>${sentences.join(' ')}</p>`;
  });
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Simulated profile</title></head><body>\n<h1>Simulated profile</h1>\n${body.join('\n')}\n<h2>Notes</h2>\n<ol class="footnotes">\n${notes.join('\n')}\n</ol>\n</body></html>\n`;
}

function writeMarkdown(refs, random) {
  let n = 0;
  const notes = [];
  const body = paragraphs(refs, (group) =>
    group
      .map((r) => {
        n++;
        notes.push(`[^${n}]: ${markdownCitation(r)}`);
        return `${random.pick(SENTENCES)}.[^${n}]`;
      })
      .join(' '),
  );
  return `# Simulated profile\n\n${body.join('\n\n')}\n\n${notes.join('\n')}\n`;
}

/** Plain reference lists for the peers: no footnote syntax they might not parse. */
function writePeerHtml(refs) {
  const items = refs.map((r) => `<li>${htmlCitation(r)}</li>`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>References</title></head><body>\n<ol>\n${items.join('\n')}\n</ol>\n</body></html>\n`;
}

function writePeerMarkdown(refs) {
  return `# References\n\n${refs.map((r, i) => `${i + 1}. ${markdownCitation(r)}`).join('\n')}\n`;
}

/**
 * @returns {{ citecheck: string[], html: string, markdown: string }} paths of the documents
 */
export function writeDocuments(scenario, dir) {
  const random = createRandom(scenario.seed + 1);
  const refs = scenario.citations.map((url) => reference(random, url));
  const third = Math.floor(refs.length / 4);
  const docs = join(dir, 'docs');
  const peer = join(dir, 'peer');
  mkdirSync(docs, { recursive: true, mode: 0o755 });
  mkdirSync(peer, { recursive: true, mode: 0o755 });
  const files = {
    citecheck: [join(docs, 'profile.txt'), join(docs, 'profile.html'), join(docs, 'profile.md')],
    html: join(peer, 'all.html'),
    markdown: join(peer, 'all.md'),
  };
  writeFileSync(files.citecheck[0], writeText(refs.slice(0, 2 * third), random));
  writeFileSync(files.citecheck[1], writeHtml(refs.slice(2 * third, 3 * third), random));
  writeFileSync(files.citecheck[2], writeMarkdown(refs.slice(3 * third), random));
  writeFileSync(files.html, writePeerHtml(refs));
  writeFileSync(files.markdown, writePeerMarkdown(refs));
  return files;
}
