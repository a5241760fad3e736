/**
 * Loose HTML-entity decoding and space normalization for text that was flattened out of
 * HTML by someone else: entities arrive unterminated (`&ldquo`), misspelled (`&srquo;`) or
 * terminated (`&rsquo;`), and no-break spaces stand where spaces were meant.
 */

/** Named entities seen in flattened web text; HTML5 has ~2,000, these are the ones prose uses. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ldquo: '\u201c',
  rdquo: '\u201d',
  lsquo: '\u2018',
  rsquo: '\u2019',
  sbquo: '\u201a',
  bdquo: '\u201e',
  laquo: '\u00ab',
  raquo: '\u00bb',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  shy: '\u00ad',
  middot: '\u00b7',
  bull: '\u2022',
  eacute: '\u00e9',
  egrave: '\u00e8',
  aacute: '\u00e1',
  iacute: '\u00ed',
  oacute: '\u00f3',
  uacute: '\u00fa',
  ccedil: '\u00e7',
  ntilde: '\u00f1',
  uuml: '\u00fc',
  ouml: '\u00f6',
  auml: '\u00e4',
  iuml: '\u00ef',
  // Transposed-letter typos that occur in real exports (the sample has `&srquo;`).
  srquo: '\u2019',
  slquo: '\u2018',
  rdqou: '\u201d',
  ldqou: '\u201c',
};

/** Entities whose decoded character ends a URL (quotes, spaces, angle brackets). */
const URL_ENDING_ENTITY_CHARS = new Set([
  '"',
  "'",
  '<',
  '>',
  '\u00a0',
  '\u201c',
  '\u201d',
  '\u2018',
  '\u2019',
  '\u00ab',
  '\u00bb',
]);

const MAX_ENTITY_NAME_LENGTH = 8;

export interface EntityMatch {
  /** Length of the entity in the source, including `&` and any `;`. */
  length: number;
  decoded: string;
  terminated: boolean;
}

/**
 * Reads an entity starting at `text[index] === '&'`. Unterminated named entities are accepted
 * only when the next character cannot continue a word or a query parameter (`&ldquoAl` yes,
 * `&ltd` and `&lt=5` no), so `AT&T` and `?a=1&b=2` are left alone.
 */
export function readEntityAt(text: string, index: number): EntityMatch | null {
  if (text.charCodeAt(index) !== 0x26 /* & */) return null;
  if (text.charCodeAt(index + 1) === 0x23 /* # */) return readNumericEntity(text, index);
  let end = index + 1;
  const limit = Math.min(text.length, index + 1 + MAX_ENTITY_NAME_LENGTH);
  while (end < limit && isAsciiAlnum(text.charCodeAt(end))) end++;
  // Longest known name that is a prefix of the letters found.
  for (let nameEnd = end; nameEnd > index + 1; nameEnd--) {
    const name = text.slice(index + 1, nameEnd);
    const decoded = NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()];
    if (decoded === undefined) continue;
    if (text.charCodeAt(nameEnd) === 0x3b /* ; */) return { length: nameEnd + 1 - index, decoded, terminated: true };
    const next = text.charCodeAt(nameEnd);
    if (isLowerAlnum(next) || next === 0x3d /* = */) return null;
    return { length: nameEnd - index, decoded, terminated: false };
  }
  return null;
}

function readNumericEntity(text: string, index: number): EntityMatch | null {
  let cursor = index + 2;
  const hex = text.charCodeAt(cursor) === 0x78 || text.charCodeAt(cursor) === 0x58; /* x X */
  if (hex) cursor++;
  const digitsStart = cursor;
  while (cursor < text.length && cursor - digitsStart < 7 && isDigitOf(text.charCodeAt(cursor), hex)) cursor++;
  if (cursor === digitsStart) return null;
  const codePoint = Number.parseInt(text.slice(digitsStart, cursor), hex ? 16 : 10);
  if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return null;
  const terminated = text.charCodeAt(cursor) === 0x3b;
  return { length: cursor + (terminated ? 1 : 0) - index, decoded: String.fromCodePoint(codePoint), terminated };
}

/** True when the entity stands for a character that cannot be inside a URL as written. */
export function isUrlEndingEntity(entity: EntityMatch): boolean {
  return URL_ENDING_ENTITY_CHARS.has(entity.decoded);
}

/** Decodes every entity `readEntityAt` accepts; anything else stays as written. */
export function decodeLooseEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let copiedUpTo = 0;
  for (let index = text.indexOf('&'); index !== -1; index = text.indexOf('&', index + 1)) {
    const entity = readEntityAt(text, index);
    if (entity === null) continue;
    out += text.slice(copiedUpTo, index) + entity.decoded;
    copiedUpTo = index + entity.length;
    index = copiedUpTo - 1;
  }
  return out + text.slice(copiedUpTo);
}

/** No-break and other typographic spaces become plain spaces; zero-width spaces and soft hyphens vanish (joiners stay: emoji need them). */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ').replace(/[\u200b\u2060\ufeff\u00ad]/g, '');
}

/** True when `text` holds whitespace other than single plain spaces. */
export function hasIrregularSpace(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x20) {
      if (text.charCodeAt(index + 1) === 0x20) return true;
    } else if (isWhitespaceCode(code)) {
      return true;
    }
  }
  return false;
}

/** Field text as a reader sees it: entities decoded, spaces normalized and collapsed, trimmed. */
export function normalizeFieldText(text: string): string {
  // Most fields hold no entity, no odd space and no soft hyphen: then only trimming is left to do.
  if (!needsFieldNormalizing(text)) return text.trim();
  return normalizeSpaces(decodeLooseEntities(text)).replace(/\s+/g, ' ').trim();
}

/** An entity, whitespace other than single plain spaces, or a character `normalizeSpaces` removes. */
function needsFieldNormalizing(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x20) {
      if (text.charCodeAt(index + 1) === 0x20) return true;
    } else if (code === 0x26 /* & */ || code === 0xad || code === 0x2060 || isWhitespaceCode(code)) {
      return true;
    }
  }
  return false;
}

/** Exactly JS `\s` (what `trim()` and `/\s/` remove): `isWhitespaceCode` without the zero-width space. */
export function isJsSpaceCode(code: number): boolean {
  return code !== 0x200b && isWhitespaceCode(code);
}

/** Whitespace as JS `\s` knows it, plus the zero-width space: one UTF-16 code unit at a time. */
export function isWhitespaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isLowerAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
}

function isDigitOf(code: number, hex: boolean): boolean {
  if (code >= 0x30 && code <= 0x39) return true;
  return hex && ((code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66));
}
