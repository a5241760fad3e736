import type { Nodes, Parents } from 'mdast';

type Point = { line: number; column: number; offset: number };

function hasChildren(node: Nodes): node is Parents {
  return 'children' in node;
}

/** The literal a positionless node stands for in the source: its text, or its children's. */
function literalOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return hasChildren(node) ? node.children.map(literalOf).join('') : '';
}

/**
 * mdast-util-gfm-autolink-literal finds `www.` and e-mail literals with a find-and-replace
 * transform after parsing, and the nodes it makes (the link and the text split around it) carry
 * no position. Without one a citation would land at offset 0. Each such node is placed where its
 * literal stands in the source, searched from the end of its previous sibling inside its parent,
 * so positions stay exact whether the document is parsed whole or in chunks.
 */
export function fillMissingPositions(tree: Parents, source: string): void {
  const pointAt = (offset: number, from: Point): Point => {
    let { line, column } = from;
    for (let i = from.offset; i < offset; i++) {
      if (source.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else column++;
    }
    return { line, column, offset };
  };

  const fill = (parent: Parents): void => {
    const parentStart = parent.position?.start;
    const parentEnd = parent.position?.end.offset ?? source.length;
    let cursor: Point | undefined = parentStart && { ...parentStart, offset: parentStart.offset ?? 0 };
    for (const child of parent.children) {
      if (!child.position && cursor) {
        const literal = literalOf(child);
        const found = literal ? source.indexOf(literal, cursor.offset) : -1;
        const start = found >= 0 && found + literal.length <= parentEnd ? found : cursor.offset;
        const startPoint = pointAt(start, cursor);
        const end = start === found ? start + literal.length : start;
        child.position = { start: startPoint, end: pointAt(end, startPoint) };
      }
      const end = child.position?.end;
      if (end?.offset !== undefined) cursor = { line: end.line, column: end.column, offset: end.offset };
      if (hasChildren(child)) fill(child);
    }
  };
  fill(tree);
}
