import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { ensureBuiltCli, runBuiltCli } from '../helpers/built-cli.js';

// Each command's one-line summary lives in the lazy registry only; `<cmd> --help` prints it.
describe('citecheck <command> --help (built CLI)', () => {
  beforeAll(() => {
    ensureBuiltCli();
  }, 300_000);

  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    '%s --help prints the registry summary and the usage',
    async (name, entry) => {
      const command = await entry.load();
      // One place for the summary: the command module does not carry a copy.
      expect(command).not.toHaveProperty('summary');
      const run = runBuiltCli([name, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${entry.summary}\n\nUsage: ${command.usage}\n`);
      expect(command.usage).toMatch(new RegExp(`^citecheck ${name}\\b`));
    },
  );
});
