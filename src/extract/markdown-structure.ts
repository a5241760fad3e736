import type { Definition, Nodes, Parents, Root } from 'mdast';
import {
  definitionStubs,
  footnoteIdentifierOf,
  footnoteIdOf,
  MARKDOWN_CHUNK_CHARS,
  scanMarkdown,
} from './markdown-chunks.js';
import { fillMissingPositions } from './markdown-positions.js';
import { parseMarkdownTree } from './markdown-tree.js';
import { LinkList, NoteReferenceList } from './structured-lists.js';
import { sortedByStart } from './structured-ranges.js';
import { collapseWhitespace, MappedText, type StructuredText } from './structured-text.js';
import { cleanUrl, findUrlCandidates } from './url-cleanup.js';

/** How far past a literal autolink to look for the space that ends it. */
const MAX_LITERAL_URL_CHARS = 4096;

/**
 * Reads Markdown as mdast (CommonMark + GFM footnotes and literal
 * autolinks) into visible text plus ranges, taking every offset from the syntax tree.
 * Code blocks and code spans never yield links. Large documents are parsed chunk by chunk
 * (see markdown-chunks.ts) so memory stays proportional to the input.
 */
export function readMarkdownStructure(source: string, chunkChars = MARKDOWN_CHUNK_CHARS): StructuredText {
  const { chunks, definitions: index } = scanMarkdown(source, chunkChars);
  // Bodies of notes the line scan missed; all others are kept in the scan's footnote entries.
  const otherBodies = new Map<string, { start: number; end: number }>();
  const links = new LinkList(source);
  const noteReferences = new NoteReferenceList();
  const structured: StructuredText = {
    text: new MappedText(source),
    blocks: [],
    links,
    noteReferences,
    inlineNotes: [],
    detachedNotes: [],
    noteBodies: {
      get: (noteId) => index.footnotes.get(footnoteIdentifierOf(noteId))?.body ?? otherBodies.get(noteId),
    },
    opaque: [],
    findings: [],
  };
  /** Definitions the parser saw in the document itself (not stubs), with absolute offsets. */
  const realDefinitions = new Map<string, { label: string; url: string; start: number; end: number }>();
  const usedDefinitions = new Set<string>();
  const text = structured.text;
  let section: string | null = null;
  let label: string[] | null = null;
  // Offsets in a chunk's tree are relative to the chunk; `base` makes them absolute.
  let base = 0;
  let chunkDefinitions = new Map<string, Definition>();
  // One id string per note, shared by its references and its body (not one copy per mention).
  const noteIdOf = (identifier: string) => index.footnotes.get(identifier)?.id ?? footnoteIdOf(identifier);

  const separate = (offset: number) => {
    if (text.length > 0 && text.lastChar() !== '\n') text.append('\n', offset, offset, false);
  };
  const startOf = (node: Nodes) => base + (node.position?.start.offset ?? 0);
  const endOf = (node: Nodes) =>
    node.position?.end.offset === undefined ? startOf(node) : base + node.position.end.offset;

  const visitChildren = (node: Parents) => {
    for (const child of node.children) visit(child);
  };

  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'paragraph':
      case 'heading': {
        separate(startOf(node));
        const start = text.length;
        if (node.type === 'heading') label = [];
        visitChildren(node);
        if (text.length > start) structured.blocks.push({ start, end: text.length, section });
        if (node.type === 'heading') {
          section = ownCopy(collapseWhitespace(label!.join(''))) || section;
          label = null;
        }
        separate(endOf(node));
        return;
      }
      case 'footnoteDefinition': {
        separate(startOf(node));
        const start = text.length;
        visitChildren(node);
        // Without the separator after its last block, a one-paragraph note reads as one slice of the source.
        const end = text.length > start && text.lastChar() === '\n' ? text.length - 1 : text.length;
        // A one-paragraph note (the usual kind) is that paragraph's block: one range object, not two.
        const block = structured.blocks[structured.blocks.length - 1];
        const body = block?.start === start && block.end === end ? block : { start, end };
        const entry = index.footnotes.get(node.identifier);
        if (entry) entry.body = body;
        else otherBodies.set(noteIdOf(node.identifier), body);
        return;
      }
      case 'text': {
        const exact = endOf(node) - startOf(node) === node.value.length;
        // Text read as written is kept as offsets into the source; any other is kept as a string.
        const value = source.startsWith(node.value, startOf(node)) ? node.value : ownCopy(node.value);
        text.append(value, startOf(node), endOf(node), exact);
        label?.push(node.value);
        return;
      }
      case 'inlineCode': {
        const start = text.length;
        text.append(source.slice(startOf(node), endOf(node)), startOf(node), endOf(node), true);
        structured.opaque.push({ start, end: text.length });
        return;
      }
      case 'break':
        text.append('\n', startOf(node), endOf(node), false);
        return;
      case 'footnoteReference': {
        const start = text.length;
        text.append(source.slice(startOf(node), endOf(node)), startOf(node), endOf(node), true);
        noteReferences.push({
          start,
          end: text.length,
          noteId: noteIdOf(node.identifier),
          sourceStart: startOf(node),
        });
        return;
      }
      case 'link': {
        const start = text.length;
        visitChildren(node);
        const destination = locateDestination(source, node, startOf(node), endOf(node), base);
        addLink(links, source, start, text.length, node.url, destination, startOf(node), endOf(node));
        return;
      }
      case 'linkReference': {
        const start = text.length;
        visitChildren(node);
        const definition = chunkDefinitions.get(node.identifier);
        if (!definition) return;
        usedDefinitions.add(node.identifier);
        const written = index.links.get(node.identifier);
        const destination = written ? { text: written.text, offset: written.offset } : null;
        addLink(links, source, start, text.length, definition.url, destination, startOf(node), endOf(node));
        return;
      }
      case 'html':
        // Raw HTML is not parsed as Markdown; its URLs are reported rather than silently dropped.
        for (const candidate of findUrlCandidates(node.value)) {
          structured.findings.push({
            code: 'url-in-raw-html',
            message: 'a URL inside raw HTML in Markdown is not cited; write it as a Markdown link',
            sourceOffset: startOf(node) + candidate.start,
            text: ownCopy(cleanUrl(candidate.text).text),
          });
        }
        return;
      case 'code':
      case 'image':
      case 'imageReference':
      case 'definition':
      case 'thematicBreak':
        return;
      default:
        if ('children' in node) visitChildren(node);
    }
  };

  for (const chunk of chunks) {
    const chunkText = source.slice(chunk.start, chunk.end);
    const parsed = chunkText + definitionStubs(chunkText, index);
    const tree = parseMarkdownTree(parsed);
    fillMissingPositions(tree, parsed);
    const chunkLength = chunk.end - chunk.start;
    base = chunk.start;
    chunkDefinitions = collectDefinitions(tree);
    for (const [identifier, definition] of chunkDefinitions) {
      const start = definition.position?.start.offset ?? chunkLength;
      if (start >= chunkLength || realDefinitions.has(identifier)) continue;
      const end = definition.position?.end.offset ?? start;
      realDefinitions.set(identifier, {
        label: definition.label ?? identifier,
        url: definition.url,
        start: base + start,
        end: base + end,
      });
    }
    for (const child of tree.children) {
      // Stubs appended after the chunk are only there to resolve references.
      if ((child.position?.start.offset ?? chunkLength) < chunkLength) visit(child);
    }
  }
  for (const [identifier, definition] of realDefinitions) {
    if (usedDefinitions.has(identifier)) continue;
    const destination = locateDefinitionDestination(source, definition.start, definition.end);
    structured.findings.push({
      code: 'unused-definition',
      message: `link definition [${definition.label}] is never used, so it supports no claim`,
      sourceOffset: destination?.offset ?? definition.start,
      text: ownCopy(definition.url),
    });
  }
  // Links come in document order; should one not, the list is sorted as objects. Note
  // references are sorted where they are read (assembleStructuredDocument).
  structured.links = sortedByStart(links);
  return structured;
}

interface Destination {
  text: string;
  offset: number;
}

/**
 * A string of the parser's as a string of its own. The parser's strings are slices of the
 * chunk it parsed (a copy of the source with stub definitions appended), and any one kept
 * would keep that whole chunk alive: at 10 MB, all of them (2x the input) to the end.
 */
function ownCopy(value: string): string {
  // V8 flattens the concatenation into a fresh string; the slice then points into that.
  return ` ${value}`.slice(1);
}

/** The href as a slice of the source where it is written there as is, else as its own copy. */
function hrefOf(source: string, href: string, destination: Destination | null): string {
  const offset = destination?.offset;
  if (offset === undefined || !source.startsWith(href, offset)) return ownCopy(href);
  return source.slice(offset, offset + href.length);
}

/**
 * A link whose href (`parsedHref`, as the parser decoded it) and href as written both stand at
 * its destination in the source (the usual case) is kept as offsets; any other as an object
 * with its strings.
 */
function addLink(
  links: LinkList,
  source: string,
  start: number,
  end: number,
  parsedHref: string,
  destination: Destination | null,
  sourceStart: number,
  sourceEnd: number,
): void {
  if (
    destination &&
    source.startsWith(parsedHref, destination.offset) &&
    source.startsWith(destination.text, destination.offset)
  ) {
    const { offset, text } = destination;
    links.pushSourceLink(start, end, offset, parsedHref.length, text.length, sourceStart, sourceEnd);
    return;
  }
  const href = hrefOf(source, parsedHref, destination);
  links.push({
    start,
    end,
    href,
    // The same text twice (the usual case) is kept as one string.
    hrefText: destination?.text === href ? href : (destination?.text ?? null),
    hrefOffset: destination?.offset ?? null,
    sourceStart,
    sourceEnd,
  });
}

function collectDefinitions(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  const walk = (node: Nodes) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if ('children' in node && node.type !== 'paragraph') for (const child of node.children) walk(child);
  };
  walk(tree);
  return definitions;
}

/** Where a link's URL is written: `[text](<url> "t")`, `<url>`, or a bare literal URL (offsets absolute). */
function locateDestination(
  source: string,
  node: Extract<Nodes, { type: 'link' }>,
  start: number,
  end: number,
  base: number,
): Destination | null {
  const written = source.slice(start, end);
  if (written.startsWith('<')) return { text: written.slice(1, -1), offset: start + 1 };
  if (!written.startsWith('[')) {
    // A literal autolink: GFM trims trailing `~`, `_`, `*`... by its own rules; hand URL cleanup
    // everything up to the next space so every format follows the same cleanup rules.
    const ahead = source.slice(start, start + MAX_LITERAL_URL_CHARS);
    const space = /\s/.exec(ahead);
    const urlEnd = space ? start + space.index : ahead.length < MAX_LITERAL_URL_CHARS ? source.length : end;
    return { text: source.slice(start, urlEnd), offset: start };
  }
  const lastChild = node.children[node.children.length - 1];
  const labelEnd = lastChild?.position?.end.offset === undefined ? start + 1 : base + lastChild.position.end.offset;
  const open = source.indexOf('](', labelEnd);
  if (open === -1 || open >= end) return null;
  return readDestination(source, open + 2, end);
}

function locateDefinitionDestination(source: string, start: number, end: number): Destination | null {
  const colon = source.indexOf(']:', start);
  return colon === -1 || colon >= end ? null : readDestination(source, colon + 2, end);
}

function readDestination(source: string, from: number, limit: number): Destination | null {
  let offset = from;
  while (offset < limit && /\s/.test(source.charAt(offset))) offset++;
  if (source.charAt(offset) === '<') {
    const close = source.indexOf('>', offset);
    return close === -1 || close > limit ? null : { text: source.slice(offset + 1, close), offset: offset + 1 };
  }
  let end = offset;
  let depth = 0;
  while (end < limit) {
    const char = source.charAt(end);
    if (/\s/.test(char)) break;
    if (char === '(') depth++;
    if (char === ')' && depth-- === 0) break;
    if (char === '\\') end++;
    end++;
  }
  return end > offset ? { text: source.slice(offset, end), offset } : null;
}
