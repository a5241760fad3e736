import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, InputError } from '../errors.js';
import type { DocumentFormat, ExtractedDocument } from '../model/document.js';
import type { LinkTarget } from '../model/link-result.js';
import { extractDocument } from './extract-document.js';
import {
  type InputDocument,
  type InputSource,
  listInputs,
  parseFormatOption,
  type ReadInputsOptions,
  readInput,
} from './read-inputs.js';

/** A cited URL and the key it is checked under: what the check stage takes. */
export type CitedLink = LinkTarget;

/** Every URL the inputs cite, once per link key in document order, and what they came from. */
export interface CitedLinks {
  links: CitedLink[];
  documents: number;
  citations: number;
  /** Worker threads the extraction ran in (0: in-process). */
  workers: number;
}

export interface ExtractCitedLinksOptions extends ReadInputsOptions {
  /** Characters one worker extracts before it is replaced (default `WORKER_RECYCLE_CHARS`). */
  workerRecycleChars?: number;
}

/** What extracting one input yields when only its links are wanted (parallel arrays clone fast). */
export type LinksAnswer =
  | { ok: true; keys: string[]; urls: string[]; citations: number; chars: number }
  | { ok: false; error: { message: string; code: ErrorCode | null } };

/** A file for the extractor to read itself, or an input already read (standard input). */
export type LinksRequest =
  | { kind: 'file'; source: Extract<InputSource, { kind: 'file' }>; format: DocumentFormat | undefined }
  | { kind: 'document'; input: InputDocument };

/**
 * A worker is retired once it has extracted this many characters: V8 keeps the heap an
 * extraction grew (the three 100k-link bench documents one after another peaked at 505 MB in
 * one heap, 339 MB with a worker each), and a retired worker's heap goes back to the system.
 * Small documents share a worker, so a directory of them does not start one per file.
 */
const WORKER_RECYCLE_CHARS = 4_000_000;
/**
 * Parsing makes short-lived garbage in bursts; a young generation this large keeps most of it
 * from being promoted. On the bench's 100k-link documents, a worker each: 21.8 s and 339 MB
 * peak RSS with V8's default, 11.7 s and 274 MB with 64 MB.
 */
const WORKER_YOUNG_GENERATION_MB = 64;
const WORKER_URL = new URL('./cited-links-worker.js', import.meta.url);

/**
 * The links of every input, for a check that needs nothing else of the documents. Each input is
 * extracted in a worker thread that hands back only its links, so the memory extraction used
 * is returned before the (long) check begins instead of staying in the checker's heap. Run from
 * TypeScript sources (the test runner), where no compiled worker exists, it extracts in-process.
 */
export async function extractCitedLinks(inputs: string[], options: ExtractCitedLinksOptions): Promise<CitedLinks> {
  const format = options.format === undefined ? undefined : parseFormatOption(options.format);
  const sources = await listInputs(inputs, options);
  const extractor = existsSync(fileURLToPath(WORKER_URL))
    ? new WorkerExtractor(options.workerRecycleChars ?? WORKER_RECYCLE_CHARS)
    : { answer: answerLinks, close() {}, started: 0 };
  const links = new Map<string, CitedLink>();
  let citations = 0;
  try {
    for (const source of sources) {
      const request: LinksRequest =
        source.kind === 'file'
          ? { kind: 'file', source, format }
          : { kind: 'document', input: await readInput(source, format, options.stdin) };
      const answer = await extractor.answer(request);
      if (!answer.ok) throw rebuildError(answer.error);
      answer.keys.forEach((key, index) => {
        if (!links.has(key)) links.set(key, { key, url: answer.urls[index]! });
      });
      citations += answer.citations;
    }
  } finally {
    await extractor.close();
  }
  return { links: [...links.values()], documents: sources.length, citations, workers: extractor.started };
}

/** Extracts one input and keeps only its links; input errors come back as values, with their code. */
export async function answerLinks(request: LinksRequest): Promise<LinksAnswer> {
  try {
    const input = request.kind === 'file' ? await readInput(request.source, request.format) : request.input;
    const document = extractDocument(input);
    const { keys, urls } = linksOf(document);
    return { ok: true, keys, urls, citations: document.citations.length, chars: input.text.length };
  } catch (error) {
    const code = error instanceof InputError ? error.code : null;
    return { ok: false, error: { message: (error as Error).message, code } };
  }
}

function linksOf(document: ExtractedDocument): { keys: string[]; urls: string[] } {
  const keys: string[] = [];
  const urls: string[] = [];
  for (const citation of document.citations) {
    // A citation has a link key exactly when it has a URL (buildCitation).
    if (citation.url === null || citation.linkKey === null) continue;
    keys.push(citation.linkKey);
    urls.push(citation.url);
  }
  return { keys, urls };
}

function rebuildError(error: { message: string; code: ErrorCode | null }): Error {
  return error.code === null ? new Error(error.message) : new InputError(error.code, error.message);
}

/** One worker at a time, replaced once it has extracted `recycleChars`. */
class WorkerExtractor {
  private worker: Worker | null = null;
  private chars = 0;
  started = 0;

  constructor(private readonly recycleChars: number) {}

  async answer(request: LinksRequest): Promise<LinksAnswer> {
    if (this.worker === null || this.chars >= this.recycleChars) {
      await this.close();
      this.worker = new Worker(WORKER_URL, {
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      this.chars = 0;
      this.started++;
    }
    const answer = await ask(this.worker, request);
    if (answer.ok) this.chars += answer.chars;
    return answer;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

function ask(worker: Worker, request: LinksRequest): Promise<LinksAnswer> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: LinksAnswer) => settle(() => resolve(answer));
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) =>
      settle(() => reject(new Error(`the extraction worker stopped (exit code ${code})`)));
    const settle = (then: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      then();
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(request);
  });
}
