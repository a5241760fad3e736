import type { Command } from '../command.js';
import { extractCommand } from './extract.js';

/** Every subcommand, in the order `--help` lists them. Add new commands here. */
export const COMMANDS: readonly Command[] = [extractCommand];
