import { readEntityAt } from './text-normalize.js';

/**
 * A paragraph as a reader sees it (loose HTML entities decoded, so `&ldquo` is a quote the
 * segmenter can recognize) with a map back to the raw offsets the author's text has.
 * The map is only built when an entity was decoded; most paragraphs map 1:1.
 */
export class ParagraphView {
  readonly text: string;
  /** `rawOffsets[i]` is the raw offset of view index `i`; null when the view is the raw text. */
  readonly #rawOffsets: Int32Array | null;

  constructor(raw: string) {
    if (!raw.includes('&')) {
      this.text = raw;
      this.#rawOffsets = null;
      return;
    }
    let text = '';
    const offsets: number[] = [];
    let copied = 0;
    for (let index = raw.indexOf('&'); index !== -1; index = raw.indexOf('&', index + 1)) {
      const entity = readEntityAt(raw, index);
      if (entity === null) continue;
      for (let at = copied; at < index; at++) offsets.push(at);
      text += raw.slice(copied, index);
      for (let unit = 0; unit < entity.decoded.length; unit++) offsets.push(index);
      text += entity.decoded;
      copied = index + entity.length;
      index = copied - 1;
    }
    if (copied === 0) {
      this.text = raw;
      this.#rawOffsets = null;
      return;
    }
    for (let at = copied; at <= raw.length; at++) offsets.push(at);
    this.text = text + raw.slice(copied);
    this.#rawOffsets = Int32Array.from(offsets);
  }

  /** Raw offset of a view index (`text.length` maps to the raw length). */
  toRaw(viewIndex: number): number {
    return this.#rawOffsets === null ? viewIndex : this.#rawOffsets[viewIndex]!;
  }

  /** Smallest view index whose raw offset is at or after `rawIndex`. */
  toView(rawIndex: number): number {
    const offsets = this.#rawOffsets;
    if (offsets === null) return rawIndex;
    let low = 0;
    let high = offsets.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (offsets[middle]! < rawIndex) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
