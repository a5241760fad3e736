import type { Writable } from 'node:stream';

/** What a command may touch. Only `main.ts` knows about `process`. */
export interface CommandContext {
  argv: string[];
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  isTTY: boolean;
  /** Aborted on SIGINT: long commands stop early and keep what they finished. */
  signal: AbortSignal;
}

/** A subcommand's behaviour; its one-line summary lives in the lazy registry (`commands/index.ts`) for `--help`. */
export interface Command {
  name: string;
  usage: string;
  /** Resolves to the process exit code. Throws `CitecheckError` for run-level faults. */
  run(ctx: CommandContext): Promise<number>;
}

export { EXIT } from '../exit-codes.js';
