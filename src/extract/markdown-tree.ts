import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Root } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { parse, postprocess, preprocess } from 'micromark';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Event, Extension, Token, TokenizeContext } from 'micromark-util-types';

/**
 * The mdast tree mdast-util-from-markdown (with the GFM footnote and literal-autolink
 * extensions) builds, for the nodes the Markdown reader looks at, compiled straight from
 * micromark's events. mdast-util-from-markdown hands every handler a fresh
 * `{...context, sliceSerialize}` copy, two or three per event, and V8 promoted those copies
 * into the old generation: extracting a 10 MB document peaked at 25x the input, 9x with this
 * compiler, where one context serves every event. Each handler below does what its namesake
 * in mdast-util-from-markdown 2.1 does; the GFM extensions' own handlers and transform are
 * used as they are, but for the literal autolink's link node (see LinkNode)
 * (tests/unit/extract/markdown-tree.test.ts compares the trees). Not built,
 * as the reader ignores them: list items (their content sits in the list), the value of
 * fenced and indented code, labels of links and headings' depth.
 */

const AUTOLINK_LITERAL = gfmAutolinkLiteral();
const MICROMARK_OPTIONS = { extensions: [gfmFootnote(), AUTOLINK_LITERAL] };
/**
 * The same without the e-mail literal, for text with no `@`, where it cannot match. It is
 * tried at the start of every word and was ~30% of micromark's time; a failed attempt leaves
 * nothing behind (the text resolver merges the data it split).
 */
const MICROMARK_OPTIONS_WITHOUT_EMAIL = { extensions: [gfmFootnote(), withoutEmailLiteral(AUTOLINK_LITERAL)] };
const GFM_EXTENSIONS = [gfmFootnoteFromMarkdown(), gfmAutolinkLiteralFromMarkdown()];
/** Node types whose text keeps its line endings (mdast-util-from-markdown's `canContainEols`). */
const CAN_CONTAIN_EOLS = new Set(['emphasis', 'fragment', 'heading', 'paragraph', 'strong']);

type Point = { line: number; column: number; offset?: number | undefined };
type Position = { start: Point; end: Point | undefined };
interface TreeNode {
  type: string;
  position?: Position | undefined;
  children?: TreeNode[];
  value?: string;
  url?: string;
  title?: string | null;
  alt?: string | null;
  identifier?: string;
  label?: string | null;
}
type Handler = (this: TreeCompiler, token: Token) => void;

/** Parses one Markdown string into an mdast root (see above for what is left out). */
export function parseMarkdownTree(value: string): Root {
  const options = value.includes('@') ? MICROMARK_OPTIONS : MICROMARK_OPTIONS_WITHOUT_EMAIL;
  const events = postprocess(
    parse(options)
      .document()
      .write(preprocess()(value, undefined, true)),
  );
  return new TreeCompiler().compile(events);
}

function withoutEmailLiteral(extension: Extension): Extension {
  const text: NonNullable<Extension['text']> = {};
  for (const [code, constructs] of Object.entries(extension.text ?? {})) {
    const kept = [constructs ?? []].flat().filter((construct) => construct.name !== 'emailAutolink');
    if (kept.length > 0) text[Number(code)] = kept;
  }
  return { text };
}

/** A position point as mdast writes it: line, column and offset only. */
function pointOf(point: Point): { line: number; column: number; offset: number } {
  return { line: point.line, column: point.column, offset: point.offset ?? 0 };
}

/** mdast-util-to-string: a node's value, an image's alt, or its children's text. */
function textOf(node: TreeNode): string {
  if (node.value !== undefined) return node.value;
  if (node.alt) return node.alt;
  return node.children ? node.children.map(textOf).join('') : '';
}

function opener(create: () => TreeNode, and?: Handler): Handler {
  return function open(token) {
    this.enter(create(), token);
    and?.call(this, token);
  };
}

function closer(and?: Handler): Handler {
  return function close(token) {
    and?.call(this, token);
    this.exit(token);
  };
}

function onEnterData(this: TreeCompiler, token: Token): void {
  const siblings = this.top().children!;
  let tail = siblings[siblings.length - 1];
  if (tail?.type !== 'text') {
    tail = { type: 'text', value: '', position: { start: pointOf(token.start), end: undefined } };
    siblings.push(tail);
  }
  this.stack.push(tail);
}

function onExitData(this: TreeCompiler, token: Token): void {
  const tail = this.stack.pop()!;
  tail.value += this.sliceSerialize(token);
  tail.position!.end = pointOf(token.end);
}

function onExitLink(this: TreeCompiler): void {
  const node = this.top();
  if (this.data.inReference) {
    node.type += 'Reference';
    delete node.url;
    delete node.title;
  } else delete node.identifier;
}

function buffer(this: TreeCompiler): void {
  this.buffer();
}

/** Sets a field of the node under the buffer being closed to the buffer's text. */
function resumeInto(field: 'url' | 'title' | 'value'): Handler {
  return function resumeField() {
    const text = this.resume();
    this.top()[field] = text;
  };
}

/**
 * Link nodes come from a constructor, not an object literal. V8 may decide from one young
 * collection that an object literal's objects live long and allocate them in the old generation
 * from then on ("pretenuring"). In about half the runs it did so for link nodes, in the notes
 * list (a literal autolink per note): each dead link there kept its young children alive
 * through later young collections, and extracting a 50 MB document left ~90 MB more garbage
 * in the old generation (7x the input instead of 5.3x). Objects built by `new` and arrays built
 * by `Array.of` get no such allocation-site feedback.
 */
class LinkNode implements TreeNode {
  type = 'link';
  title: string | null = null;
  url = '';
  children: TreeNode[] = Array.of();
}

const link = (): TreeNode => new LinkNode();
const heading = (): TreeNode => ({ type: 'heading', children: [] });
const hardBreak = (): TreeNode => ({ type: 'break' });
const html = (): TreeNode => ({ type: 'html', value: '' });
const code = (): TreeNode => ({ type: 'code' });

const ENTER: Record<string, Handler> = {
  autolink: opener(link),
  autolinkProtocol: onEnterData,
  autolinkEmail: onEnterData,
  atxHeading: opener(heading),
  blockQuote: opener(() => ({ type: 'blockquote', children: [] })),
  characterEscape: onEnterData,
  characterReference: onEnterData,
  codeFenced: opener(code, skipContent),
  codeIndented: opener(code, skipContent),
  codeText: opener(() => ({ type: 'inlineCode', value: '' }), buffer),
  codeTextData: onEnterData,
  data: onEnterData,
  definition: opener(() => ({ type: 'definition', identifier: '', label: null, title: null, url: '' })),
  definitionDestinationString: buffer,
  definitionLabelString: buffer,
  definitionTitleString: buffer,
  emphasis: opener(() => ({ type: 'emphasis', children: [] })),
  hardBreakEscape: opener(hardBreak),
  hardBreakTrailing: opener(hardBreak),
  htmlFlow: opener(html, buffer),
  htmlFlowData: onEnterData,
  htmlText: opener(html, buffer),
  htmlTextData: onEnterData,
  image: opener(() => ({ type: 'image', title: null, url: '', alt: null })),
  label: buffer,
  link: opener(link),
  listOrdered: opener(() => ({ type: 'list', children: [] })),
  listUnordered: opener(() => ({ type: 'list', children: [] })),
  paragraph: opener(() => ({ type: 'paragraph', children: [] })),
  referenceString: buffer,
  resourceDestinationString: buffer,
  resourceTitleString: buffer,
  setextHeading: opener(heading),
  strong: opener(() => ({ type: 'strong', children: [] })),
  thematicBreak: opener(() => ({ type: 'thematicBreak' })),
};

const EXIT: Record<string, Handler> = {
  atxHeading: closer(),
  autolink: closer(),
  autolinkEmail(token) {
    onExitData.call(this, token);
    this.top().url = `mailto:${this.sliceSerialize(token)}`;
  },
  autolinkProtocol(token) {
    onExitData.call(this, token);
    this.top().url = this.sliceSerialize(token);
  },
  blockQuote: closer(),
  characterEscapeValue: onExitData,
  characterReferenceMarkerHexadecimal(token) {
    this.data.characterReferenceType = token.type;
  },
  characterReferenceMarkerNumeric(token) {
    this.data.characterReferenceType = token.type;
  },
  characterReferenceValue(token) {
    const data = this.sliceSerialize(token);
    const type = this.data.characterReferenceType;
    this.data.characterReferenceType = undefined;
    const value = type
      ? decodeNumericCharacterReference(data, type === 'characterReferenceMarkerNumeric' ? 10 : 16)
      : decodeNamedCharacterReference(data);
    this.top().value += String(value);
  },
  characterReference(token) {
    this.stack.pop()!.position!.end = pointOf(token.end);
  },
  codeFenced: closer(),
  codeIndented: closer(),
  codeText: closer(resumeInto('value')),
  codeTextData: onExitData,
  data: onExitData,
  definition: closer(),
  definitionDestinationString: resumeInto('url'),
  definitionLabelString(token) {
    const label = this.resume();
    const node = this.top();
    node.label = label;
    node.identifier = normalizeIdentifier(this.sliceSerialize(token)).toLowerCase();
  },
  definitionTitleString: resumeInto('title'),
  emphasis: closer(),
  hardBreakEscape: closer(atHardBreak),
  hardBreakTrailing: closer(atHardBreak),
  htmlFlow: closer(resumeInto('value')),
  htmlFlowData: onExitData,
  htmlText: closer(resumeInto('value')),
  htmlTextData: onExitData,
  image: closer(onExitLink),
  label() {
    const fragment = this.top();
    const value = this.resume();
    const node = this.top();
    this.data.inReference = true;
    if (node.type === 'link') node.children = fragment.children!;
    else node.alt = value;
  },
  labelText(token) {
    this.stack[this.stack.length - 2]!.identifier = normalizeIdentifier(this.sliceSerialize(token)).toLowerCase();
  },
  lineEnding(token) {
    const context = this.top();
    if (this.data.atHardBreak) {
      const tail = context.children![context.children!.length - 1]!;
      tail.position!.end = pointOf(token.end);
      this.data.atHardBreak = undefined;
      return;
    }
    if (!this.data.setextHeadingSlurpLineEnding && CAN_CONTAIN_EOLS.has(context.type)) {
      onEnterData.call(this, token);
      onExitData.call(this, token);
    }
  },
  link: closer(onExitLink),
  listOrdered: closer(),
  listUnordered: closer(),
  paragraph: closer(),
  referenceString(token) {
    this.resume();
    this.top().identifier = normalizeIdentifier(this.sliceSerialize(token)).toLowerCase();
  },
  resourceDestinationString: resumeInto('url'),
  resourceTitleString: resumeInto('title'),
  resource() {
    this.data.inReference = undefined;
  },
  setextHeading: closer(function endSetextHeading() {
    this.data.setextHeadingSlurpLineEnding = undefined;
  }),
  setextHeadingText() {
    this.data.setextHeadingSlurpLineEnding = true;
  },
  strong: closer(),
  thematicBreak: closer(),
};

function atHardBreak(this: TreeCompiler): void {
  this.data.atHardBreak = true;
}

/** Code content is never read: its events are passed over up to the code's exit. */
function skipContent(this: TreeCompiler, token: Token): void {
  this.skipUntil = token;
}

const CONFIG = {
  enter: Object.assign({}, ENTER, ...GFM_EXTENSIONS.map((extension) => extension.enter), {
    // mdast-util-gfm-autolink-literal's handler builds the same node as an object literal (see LinkNode).
    literalAutolink: opener(link),
  }) as Record<string, Handler>,
  exit: Object.assign({}, EXIT, ...GFM_EXTENSIONS.map((extension) => extension.exit)) as Record<string, Handler>,
  transforms: GFM_EXTENSIONS.flatMap((extension) => extension.transforms ?? []),
};

/** The compile context the handlers (ours and the GFM extensions') run with. */
class TreeCompiler {
  readonly config = CONFIG;
  readonly stack: TreeNode[];
  readonly data: Record<string, unknown> = {};
  skipUntil: Token | null = null;
  private tokenizer: TokenizeContext | null = null;
  private readonly root: TreeNode = { type: 'root', children: [] };

  constructor() {
    this.stack = [this.root];
  }

  compile(events: Event[]): Root {
    for (const [kind, token, tokenizer] of events) {
      if (this.skipUntil !== null) {
        if (kind === 'exit' && token === this.skipUntil) this.skipUntil = null;
        else continue;
      }
      const handler = (kind === 'enter' ? this.config.enter : this.config.exit)[token.type];
      if (handler === undefined) continue;
      this.tokenizer = tokenizer;
      handler.call(this, token);
    }
    const first = events[0]?.[1].start ?? { line: 1, column: 1, offset: 0 };
    const last = events[events.length - 2]?.[1].end ?? { line: 1, column: 1, offset: 0 };
    this.root.position = { start: pointOf(first), end: pointOf(last) };
    let tree = this.root as unknown as Root;
    for (const transform of this.config.transforms) tree = transform(tree) || tree;
    return tree;
  }

  sliceSerialize(token: Token): string {
    return this.tokenizer!.sliceSerialize(token);
  }

  top(): TreeNode {
    return this.stack[this.stack.length - 1]!;
  }

  enter(node: TreeNode, token: Token): void {
    this.top().children!.push(node);
    this.stack.push(node);
    node.position = { start: pointOf(token.start), end: undefined };
  }

  exit(token: Token): void {
    this.stack.pop()!.position!.end = pointOf(token.end);
  }

  buffer(): void {
    this.stack.push({ type: 'fragment', children: [] });
  }

  resume(): string {
    return textOf(this.stack.pop()!);
  }
}
