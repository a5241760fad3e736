#!/usr/bin/env node
import { isCitecheckError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { type CommandContext, EXIT } from './command.js';
import { COMMANDS } from './commands/index.js';

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `citecheck ${TOOL_VERSION}: verify the sources behind a document's claims`,
    '',
    'Usage: citecheck <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run `citecheck <command> --help` for a command's options.",
    'Exit codes: 0 ok, 1 policy failed, 2 usage or input error, 3 internal error, 4 could not audit.',
    '',
  ].join('\n');
}

/** The only place that touches process.argv, exit codes and signals. */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\ninterrupted: finishing in-flight work and saving results (Ctrl-C again to force)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(helpText());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version' || name === '-V') {
      process.stdout.write(`${TOOL_VERSION}\n`);
      return EXIT.ok;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry) {
      process.stderr.write(`citecheck: unknown command "${name}" (try --help)\n`);
      return EXIT.usage;
    }
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${entry.summary}\n\nUsage: ${command.usage}\n`);
      return EXIT.ok;
    }
    const ctx: CommandContext = {
      argv: rest,
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      cwd: process.cwd(),
      isTTY: Boolean(process.stderr.isTTY),
      signal: controller.signal,
    };
    return await command.run(ctx);
  } catch (error) {
    if (isCitecheckError(error) && error.kind !== 'internal') {
      process.stderr.write(`citecheck: ${error.message} [${error.code}]\n`);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      `citecheck: internal error: ${error instanceof Error ? error.message : String(error)}\n` +
        'This is a bug in citecheck. Please report it with the command you ran and the details below.\n' +
        (process.env.CITECHECK_DEBUG ? `${detail}\n` : 'Set CITECHECK_DEBUG=1 to print the stack trace.\n'),
    );
    return EXIT.internal;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT.internal;
  },
);
