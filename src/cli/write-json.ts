import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { OutputError } from '../errors.js';

/** Containers down to this depth are written member by member; anything deeper is one piece. */
const STREAMED_DEPTH = 3;
/** Pieces are gathered into writes of about this size. */
const WRITE_CHARS = 64 * 1024;
const INDENT = '  ';

/**
 * The text of `JSON.stringify(value, null, 2)`, in pieces: no string of the whole is ever
 * built. `check` at 100k links turned its results into one ~150 MB string (two copies while
 * it was being joined), which took the process from 290 MB to 637 MB at the very end.
 */
export function prettyJsonPieces(value: unknown): Generator<string> {
  return piecesOf(toJsonValue(value), 0);
}

/** `json` has had its `toJSON()` applied already, as JSON.stringify does once per value. */
function* piecesOf(json: unknown, depth: number): Generator<string> {
  if (depth > STREAMED_DEPTH || json === null || typeof json !== 'object') {
    yield indentLines(JSON.stringify(json, null, INDENT) ?? 'null', depth);
    return;
  }
  const inner = INDENT.repeat(depth + 1);
  const members = Array.isArray(json)
    ? json.map((item) => ['', toJsonValue(item)] as const)
    : Object.entries(json)
        .map(([key, member]) => [`${JSON.stringify(key)}: `, toJsonValue(member)] as const)
        .filter(([, member]) => isWritten(member));
  const [open, close] = Array.isArray(json) ? ['[', ']'] : ['{', '}'];
  if (members.length === 0) {
    yield `${open}${close}`;
    return;
  }
  yield `${open}\n`;
  for (const [index, [label, member]] of members.entries()) {
    yield `${inner}${label}`;
    yield* piecesOf(member, depth + 1);
    yield index < members.length - 1 ? ',\n' : '\n';
  }
  yield `${INDENT.repeat(depth)}${close}`;
}

/** Writes `value` as pretty JSON and a newline, waiting whenever the stream asks to. */
export async function writeJson(stream: Writable, value: unknown): Promise<void> {
  let batch = '';
  for (const piece of prettyJsonPieces(value)) {
    batch += piece;
    if (batch.length < WRITE_CHARS) continue;
    const flushed = stream.write(batch);
    batch = '';
    if (!flushed) await once(stream, 'drain');
  }
  stream.write(`${batch}\n`);
}

/** `writeJson` to a file (created or replaced); a failure is an `OutputError`. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  const file = createWriteStream(path);
  try {
    await writeJson(file, value);
    file.end();
    await finished(file);
  } catch (error) {
    file.destroy();
    throw new OutputError(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** What JSON.stringify would write for `value` as a member: its `toJSON()` result if it has one. */
function toJsonValue(value: unknown): unknown {
  return hasToJson(value) ? value.toJSON() : value;
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** JSON.stringify leaves out object members that are undefined, functions or symbols. */
function isWritten(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function indentLines(text: string, depth: number): string {
  return depth === 0 || !text.includes('\n') ? text : text.replaceAll('\n', `\n${INDENT.repeat(depth)}`);
}
