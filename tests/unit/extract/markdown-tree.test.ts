import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { describe, expect, it } from 'vitest';
import { parseMarkdownTree } from '../../../src/extract/markdown-tree.js';

const FIXTURES = new URL('../../fixtures/extract/markdown/', import.meta.url);
const MDAST_OPTIONS = {
  extensions: [gfmFootnote(), gfmAutolinkLiteral()],
  mdastExtensions: [gfmFootnoteFromMarkdown(), gfmAutolinkLiteralFromMarkdown()],
};

/** What the Markdown reader reads of a node; list items are flattened into their list, as parseMarkdownTree leaves them out. */
interface Projected {
  type: string;
  position: unknown;
  value?: unknown;
  url?: unknown;
  identifier?: unknown;
  label?: unknown;
  children?: Projected[];
}

function project(node: Nodes): Projected[] {
  if (node.type === 'listItem') return node.children.flatMap(project);
  const projected: Projected = { type: node.type, position: node.position };
  if (node.type === 'code') return [projected];
  if ('value' in node) projected.value = node.value;
  if ('url' in node) projected.url = node.url;
  if ('identifier' in node) projected.identifier = node.identifier;
  if (node.type === 'definition' || node.type.startsWith('footnote'))
    projected.label = (node as { label?: unknown }).label;
  if ('children' in node) projected.children = node.children.flatMap(project);
  return [projected];
}

function expectSameTree(source: string): void {
  expect(project(parseMarkdownTree(source))).toEqual(project(fromMarkdown(source, MDAST_OPTIONS)));
}

const markdownArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '[', ']', '(', ')', '[^1]', '[^1]: ', '[^a b]', '[^A  B]: ', '<', '>', '`', '``', '```js x\n', '~~~\n', '    ',
        '*', '**', '_', '__', '#', '## ', '\n', '\n\n', '\r\n', '  \n', '\\\n', '===\n', '---\n', ' ', '\t', '.', '; ',
        'https://example.org/a_(b)', 'http://x.y', 'www.example.org', 'WWW.x.org/p?q', 'me@mail.example.org',
        'mailto:a@b.co', 'xmpp:a@b.co', '[x]: https://d.example.org/ "t"', '[x]', '[X][]', '[y][x]', '[x]:\n<u>',
        '<https://auto.example.org/>', '<a@b.co>', '&amp;', '&#64;', '&#x41;', '&#0;', '&nosuch;', '\\*', '\\[',
        '- ', '1. ', '> ', '![i](https://img.example.org/)', '![i][x]', '[a ![b](c) d](e)', '<a href="h">',
        '<!-- c -->\n', '<div>\n', '<span>x</span>', '[l](<u v> \'t\')', '[l](u (t))',
      ), // biome-ignore format: a token list reads better packed
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 50 },
  )
  .map((tokens) => tokens.join(''));

describe('parseMarkdownTree', () => {
  it('builds the tree mdast-util-from-markdown builds for the fixtures', () => {
    for (const name of ['footnotes.md', 'links.md']) expectSameTree(readFileSync(new URL(name, FIXTURES), 'utf8'));
  });

  it.each([
    ['text with escapes, references and line endings', 'a \\* b &amp; &#x41; &#0;\nc  \nd\\\ne'],
    ['emphasis across lines', '*a\nb* **c\nd** _e **f\ng**_\n'],
    ['headings, setext included', '# A *b*\n\nC\n===\n\nD\n---\n'],
    ['links of every kind', '[a](<u v> "t") [b][r] [r][] [r] <https://x.org> www.y.org z@w.co\n\n[r]: /u\n'],
    ['images, alone and inside links', '![a *b*](u) [x ![y](z) w](v) ![r] ![a ![b](c) d](e)\n\n[r]: /i\n'],
    ['footnotes in lists and quotes', '- a[^1]\n- b\n\n> c[^x y]\n\n[^1]: one\n    more\n\n[^X  Y]: two\n'],
    ['code and raw HTML', '`a [b](c)`\n\n```\n[d](e)\n```\n\n    f\n\n<div>\nhttps://g.org\n</div>\n\nh <i>j</i>\n'],
    [
      'literals without an @ anywhere (parsed without the e-mail literal)',
      'a http://x.org/p_q, (www.y.org) h-https://z.org\n',
    ],
    ['the same literals with an e-mail among them', 'a http://x.org/p_q, (www.y.org) h-https://z.org b@c.org\n'],
    ['literals found by the transform after parsing', 'see (www.a.org) and x.www.b.org, mail:c@d.org.\n'],
  ])('builds the same tree for %s', (_name, source) => {
    expectSameTree(source);
  });

  it('builds the same tree as mdast-util-from-markdown on arbitrary input', () => {
    fc.assert(fc.property(markdownArb, expectSameTree), { numRuns: 400 });
  });
});
