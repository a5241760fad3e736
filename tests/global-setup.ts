import { ensureBuiltCli } from './helpers/built-cli.js';

/**
 * Builds `dist/` once, before any test file runs, when a source is newer than the build: test
 * files that run the built CLI then never rebuild it under each other's feet.
 */
export default function setup(): void {
  ensureBuiltCli();
}
