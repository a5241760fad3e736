import type { Command } from '../command.js';
import { EXIT } from '../command.js';

export const extractCommand: Command = {
  name: 'extract',
  summary: 'List every citation, its URL and the claim it supports',
  usage: 'citecheck extract <inputs...> [--format text|html|markdown] [--json]',
  async run(ctx) {
    ctx.stderr.write('extract: not implemented yet\n');
    return EXIT.internal;
  },
};
