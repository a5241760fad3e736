import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT_CLI = join(REPO_ROOT, 'dist/cli/main.js');
const CLI_TIMEOUT_MS = 60_000;
const BUILD_TIMEOUT_MS = 240_000;

function newestMtimeMs(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * E2E tests run the CLI a user runs: `dist/`, built by `npm ci` (the `prepare` script). When a
 * source file is newer than the build (editing locally), rebuild once so the test sees the code
 * under test rather than a stale build.
 */
export function ensureBuiltCli(): string {
  const stale = !existsSync(BUILT_CLI) || statSync(BUILT_CLI).mtimeMs < newestMtimeMs(join(REPO_ROOT, 'src'));
  if (stale) {
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: BUILD_TIMEOUT_MS,
    });
    if (!existsSync(BUILT_CLI)) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }
  return BUILT_CLI;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBuiltCli(args: string[], options: { cwd?: string; input?: string } = {}): CliRun {
  const run = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
