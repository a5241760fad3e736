import { type Cheerio, type CheerioAPI, loadBuffer } from 'cheerio';
// Types only: domhandler is cheerio's own node model.
import type { AnyNode, Element } from 'domhandler';
import type { SourceText } from './source-text.js';

/** Never content: scripts, chrome, forms, and the Wayback Machine's replay toolbar. */
const BOILERPLATE_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'dialog',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="search"]',
  '#wm-ipp-base',
  '#wm-ipp',
  '#donato',
].join(',');

/** Class or id words that mark page chrome when no article/main element says otherwise. */
const CHROME_NAME_RE =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|sidebar|footer|masthead|cookies?|consent|banner|advert|ads|share|social|related|comments?|newsletter|subscribe|promo|skip-link)(?:$|[\s_-])/i;

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

const CHROME_MAX_TEXT_SHARE = 0.3;
const ARTICLE_MIN_TEXT_SHARE = 0.5;
/** A list whose text is mostly links and whose items are short is a menu, marked or not. */
const LINK_DENSITY_MAX = 0.6;
const MENU_ITEM_MAX_WORDS = 6;

function collectTitles($: CheerioAPI): string[] {
  const candidates = [
    $('head > title').first().text(),
    $('meta[property="og:title"]').attr('content') ?? '',
    $('h1').first().text(),
  ];
  const titles: string[] = [];
  for (const raw of candidates) {
    const title = raw.replace(/\s+/g, ' ').trim();
    if (title && !titles.includes(title)) titles.push(title);
  }
  return titles;
}

function isChrome(el: Element): boolean {
  const name = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  return CHROME_NAME_RE.test(name);
}

/**
 * Drops blocks named like chrome ("sidebar", "share", "related"). A named block holding a
 * large share of the text is kept: "article-body related-content" is still the article.
 */
function removeChrome($: CheerioAPI, root: Cheerio<AnyNode>): void {
  const rootLength = root.text().length;
  root.find('*').each((_, el) => {
    if (el.type === 'tag' && isChrome(el) && $(el).text().length < CHROME_MAX_TEXT_SHARE * rootLength) $(el).remove();
  });
}

function removeLinkLists($: CheerioAPI, root: Cheerio<AnyNode>): void {
  root.find('ul, ol').each((_, list) => {
    const $list = $(list);
    const text = $list.text().replace(/\s+/g, ' ').trim();
    if (!text) return;
    const linkText = $list.find('a').text().replace(/\s+/g, ' ').trim();
    const items = $list.children('li');
    const shortItems = items.toArray().every((li) => $(li).text().trim().split(/\s+/).length <= MENU_ITEM_MAX_WORDS);
    if (linkText.length / text.length > LINK_DENSITY_MAX && shortItems) $list.remove();
  });
}

/** Text blocks in document order; a block ends at every block-level element. */
function collectBlocks(nodes: AnyNode[]): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const block = current.replace(/\s+/g, ' ').trim();
    if (block) blocks.push(block);
    current = '';
  };
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      current += node.data;
      return;
    }
    if (node.type !== 'tag') return;
    const block = BLOCK_TAGS.has(node.name);
    if (block) flush();
    for (const child of node.children) walk(child);
    if (block) flush();
    else current += ' ';
  };
  for (const node of nodes) walk(node);
  flush();
  return blocks;
}

/** Charset named by the Content-Type header, handed to the sniffer as the transport-layer label. */
function charsetOf(contentType: string | null): string | undefined {
  return /charset=["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
}

/**
 * Main text of an HTML page: boilerplate elements removed, then the largest `article` when it
 * holds most of the text of `main` (else the body), else that `main` or body, with
 * chrome-named blocks and link lists inside it dropped.
 */
export function readHtml(body: Buffer, contentType: string | null, url: string): SourceText {
  const charset = charsetOf(contentType);
  const $ = loadBuffer(body, charset ? { encoding: { transportLayerEncodingLabel: charset } } : {});
  const titles = collectTitles($);
  $(BOILERPLATE_SELECTOR).remove();

  const container = $('main, [role="main"]').first();
  let root: Cheerio<AnyNode> = container.length > 0 ? container : $('body');
  if (root.length === 0) root = $.root();
  const largest = $('article')
    .toArray()
    .map((el) => ({ el, length: $(el).text().length }))
    .sort((a, b) => b.length - a.length)[0];
  // A page of teasers has many small articles: the article wins only when it is most of the text.
  if (largest && largest.length >= ARTICLE_MIN_TEXT_SHARE * root.text().length) root = $(largest.el);
  removeChrome($, root);
  removeLinkLists($, root);
  const blocks = collectBlocks(root.toArray());
  return {
    kind: 'text',
    format: 'html',
    contentType,
    url,
    titles,
    pages: [{ page: null, label: null, blocks }],
  };
}
