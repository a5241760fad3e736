/** Where a JSON text first goes wrong, 1-based, and what was expected there. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  problem: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

class Stop {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

/**
 * Locates the first syntax error in `text` (RFC 8259), or returns null when it parses.
 * Node 20's `JSON.parse` messages often carry no position ("Unexpected token '}', ... is not
 * valid JSON"), and a user editing a config file needs the line and column.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const stop = (problem: string): never => {
    throw new Stop(i, i >= text.length ? 'unexpected end of file' : problem);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (char: string, problem: string): void => {
    skipSpace();
    if (text[i] !== char) stop(problem);
    i++;
  };
  const readString = (): void => {
    i++;
    for (;;) {
      const char = text[i];
      if (char === undefined) stop('unterminated string');
      if (char === '"') break;
      if (char === '\\') {
        ESCAPE.lastIndex = ++i;
        if (!ESCAPE.test(text)) stop('invalid escape in string');
        i = ESCAPE.lastIndex;
      } else if (char! < ' ') {
        stop('unescaped control character (a line break?) in string');
      } else {
        i++;
      }
    }
    i++;
  };
  const readSequence = (close: string, readItem: () => void): void => {
    i++;
    skipSpace();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      readItem();
      skipSpace();
      if (text[i] === close) break;
      if (text[i] !== ',') stop(`expected ',' or '${close}'`);
      i++;
      skipSpace();
      if (text[i] === close) stop(`trailing comma before '${close}'`);
    }
    i++;
  };
  const readValue = (): void => {
    skipSpace();
    const char = text[i];
    if (char === '{') {
      readSequence('}', () => {
        skipSpace();
        if (text[i] !== '"') stop('expected a double-quoted property name');
        readString();
        expect(':', "expected ':' after the property name");
        readValue();
      });
    } else if (char === '[') {
      readSequence(']', readValue);
    } else if (char === '"') {
      readString();
    } else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      NUMBER.lastIndex = i;
      if (literal) i += literal.length;
      else if (NUMBER.test(text)) i = NUMBER.lastIndex;
      else stop(`unexpected ${JSON.stringify(char)}`);
    }
  };

  try {
    readValue();
    skipSpace();
    if (i < text.length) stop('unexpected text after the end of the JSON value');
    return null;
  } catch (caught) {
    if (!(caught instanceof Stop)) throw caught;
    const before = text.slice(0, caught.offset);
    const line = before.split('\n').length;
    return { line, column: caught.offset - before.lastIndexOf('\n'), problem: caught.problem };
  }
}
