import { normalizeText } from './text.js';

/** One `text=[prefix-,]start[,end][,-suffix]` directive of a URL text fragment. */
export interface TextDirective {
  prefix: string | null;
  start: string;
  end: string | null;
  suffix: string | null;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * The text directives of a fragment (with or without the leading `#`), per the URL
 * Fragment Text Directives spec: `&`-separated after `:~:`, parts split on unescaped
 * commas, prefix marked by a trailing `-` and suffix by a leading `-`.
 */
export function parseTextFragment(fragment: string | null): TextDirective[] {
  const at = fragment?.indexOf(':~:') ?? -1;
  if (!fragment || at < 0) return [];
  const directives: TextDirective[] = [];
  for (const param of fragment.slice(at + 3).split('&')) {
    if (!param.startsWith('text=')) continue;
    const parts = param.slice(5).split(',');
    const prefix = parts[0]?.endsWith('-') ? decode(parts.shift()!.slice(0, -1)) : null;
    const suffix = parts.length > 1 && parts.at(-1)?.startsWith('-') ? decode(parts.pop()!.slice(1)) : null;
    const [start, end] = parts.map(decode);
    if (start) directives.push({ prefix, start, end: end ?? null, suffix });
  }
  return directives;
}

/**
 * Does normalised text hold the directive: `start`, then `end` after it? Case, accents and
 * spacing are ignored; prefix and suffix only pick among repeats, so they are not required.
 */
export function findTextDirective(normalizedText: string, directive: TextDirective): boolean {
  const start = normalizeText(directive.start);
  const from = normalizedText.indexOf(start);
  if (from < 0) return false;
  return !directive.end || normalizedText.includes(normalizeText(directive.end), from + start.length);
}

/** Human-readable form of the directives, as a reader would see the highlighted text. */
export function describeTextFragment(directives: readonly TextDirective[]): string {
  return directives.map((d) => (d.end ? `${d.start} … ${d.end}` : d.start)).join(' | ');
}

/** When the citation's URL fragment carries `:~:text=`: does the source hold every directive? */
export function checkTextFragment(
  fragment: string | null,
  normalizedText: string,
): { text: string; found: boolean } | null {
  const directives = parseTextFragment(fragment);
  if (directives.length === 0) return null;
  return {
    text: describeTextFragment(directives),
    found: directives.every((d) => findTextDirective(normalizedText, d)),
  };
}
