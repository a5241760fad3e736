import type { Command } from '../command.js';
import { auditCommand } from './audit.js';
import { checkCommand } from './check.js';
import { extractCommand } from './extract.js';
import { fixCommand } from './fix.js';
import { schemaCommand } from './schema.js';

/** Every subcommand, in the order `--help` lists them. Add new commands here. */
export const COMMANDS: readonly Command[] = [auditCommand, fixCommand, extractCommand, checkCommand, schemaCommand];
