import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { type DocumentFormat, DocumentFormatSchema } from '../model/document.js';
import { detectFormat, formatOfExtension } from './detect-format.js';

export interface InputDocument {
  /** As the user named it (relative to cwd for walked files); `-` for stdin. */
  path: string;
  text: string;
  format: DocumentFormat;
  modifiedAt: Date | null;
}

export interface ReadInputsOptions {
  /** Overrides detection for every input. */
  format?: string;
  stdin?: NodeJS.ReadableStream;
  cwd: string;
}

const STDIN_PATH = '-';
const BOM = '\uFEFF';
/** Share of U+FFFD replacement characters above which a file is not text we can cite from. */
const MAX_REPLACEMENT_SHARE = 0.01;
/** Looking at the first bytes is enough to tell a binary file; reading it all is not needed. */
const BINARY_SNIFF_BYTES = 8192;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Parses a `--format` value; anything but text, html or markdown is a usage error. */
export function parseFormatOption(value: string): DocumentFormat {
  const parsed = DocumentFormatSchema.safeParse(value);
  if (!parsed.success) {
    throw new UsageError(`unknown format "${value}" (expected text, html or markdown)`, 'CC_UNKNOWN_FORMAT');
  }
  return parsed.data;
}

/** One input to read: a file found on disk, or standard input. */
export type InputSource = FoundFile | { kind: 'stdin' };

/**
 * Reads every input in order: `-` is stdin, a directory is walked (sorted, so runs are
 * deterministic) for files with a known extension, a file is read as UTF-8.
 */
export async function readInputs(inputs: string[], options: ReadInputsOptions): Promise<InputDocument[]> {
  const forced = options.format === undefined ? undefined : parseFormatOption(options.format);
  const documents: InputDocument[] = [];
  for (const source of await listInputs(inputs, options))
    documents.push(await readInput(source, forced, options.stdin));
  return documents;
}

/** The inputs `readInputs` would read, in order, without reading them: missing ones fail here. */
export async function listInputs(inputs: string[], options: ReadInputsOptions): Promise<InputSource[]> {
  const sources: InputSource[] = [];
  for (const input of inputs) {
    if (input === STDIN_PATH) sources.push({ kind: 'stdin' });
    else sources.push(...(await expandInput(input, options.cwd)));
  }
  return sources;
}

/** Reads one listed input; `format` (already parsed) overrides detection. */
export async function readInput(
  source: InputSource,
  format: DocumentFormat | undefined,
  stdin?: NodeJS.ReadableStream,
): Promise<InputDocument> {
  if (source.kind === 'stdin') {
    if (!stdin) throw new InputError('CC_INPUT_UNREADABLE', 'no standard input to read from');
    const text = decodeText(await readStream(stdin), STDIN_PATH);
    return { path: STDIN_PATH, text, format: format ?? detectFormat('', text), modifiedAt: null };
  }
  const text = decodeText(await readFileOrThrow(source.absolute, source.display), source.display);
  return {
    path: source.display,
    text,
    format: format ?? detectFormat(source.display, text),
    modifiedAt: source.modifiedAt,
  };
}

interface FoundFile {
  kind: 'file';
  absolute: string;
  display: string;
  modifiedAt: Date;
}

async function expandInput(input: string, cwd: string): Promise<FoundFile[]> {
  const absolute = resolve(cwd, input);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new InputError('CC_INPUT_NOT_FOUND', `input not found: ${input}`, { cause: error });
    }
    throw new InputError('CC_INPUT_UNREADABLE', `cannot read ${input}: ${error.code ?? error.message}`, {
      cause: error,
    });
  });
  if (!info.isDirectory()) return [{ kind: 'file', absolute, display: input, modifiedAt: info.mtime }];
  const files = await walkDirectory(absolute, input);
  if (files.length === 0) {
    throw new InputError('CC_INPUT_NOT_FOUND', `no .txt, .html or .md documents in directory ${input}`);
  }
  return Promise.all(
    files.map(async (file) => ({
      kind: 'file' as const,
      absolute: file,
      display: join(input, relative(absolute, file)),
      modifiedAt: (await stat(file)).mtime,
    })),
  );
}

async function walkDirectory(directory: string, display: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new InputError('CC_INPUT_UNREADABLE', `cannot read directory ${display}: ${error.code ?? error.message}`, {
      cause: error,
    });
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(await walkDirectory(path, join(display, entry.name))));
    } else if (entry.isFile() && formatOfExtension(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

async function readFileOrThrow(absolute: string, display: string): Promise<Buffer> {
  try {
    return await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('CC_INPUT_NOT_FOUND', `input not found: ${display}`, { cause: error });
    throw new InputError('CC_INPUT_UNREADABLE', `cannot read ${display}: ${code ?? String(error)}`, { cause: error });
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** UTF-8 with an optional BOM; NUL bytes or many invalid sequences mean a binary file. */
export function decodeText(bytes: Buffer, display: string): string {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    throw new InputError('CC_INPUT_BINARY', `${display} looks like a binary file (it contains NUL bytes)`);
  }
  const text = bytes.toString('utf8');
  let replacements = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) replacements++;
  if (replacements > 0 && replacements / Math.max(text.length, 1) > MAX_REPLACEMENT_SHARE) {
    throw new InputError('CC_INPUT_BINARY', `${display} is not UTF-8 text (${replacements} invalid byte sequences)`);
  }
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}
