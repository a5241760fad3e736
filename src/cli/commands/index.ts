import type { Command } from '../command.js';

/** A subcommand as `--help` lists it; its module (and the stages it needs) loads only when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/**
 * Every subcommand, in the order `--help` lists them. Loading is lazy because the stages'
 * dependencies (cheerio, undici, unpdf, SQLite) cost most of a second to import, which
 * `--help`, `extract` and `check` should not pay for what they do not use.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'audit',
    summary: 'Audit documents end to end: extract, check, archive, verify, and write the reports',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  {
    name: 'fix',
    summary: 'Write a copy of a document with each rotted link replaced by its validated capture',
    load: async () => (await import('./fix.js')).fixCommand,
  },
  {
    name: 'extract',
    summary: 'List every citation, its URL and the claim it supports',
    load: async () => (await import('./extract.js')).extractCommand,
  },
  {
    name: 'check',
    summary: 'Check every cited link: alive, moved, rotten, or inconclusive (and why)',
    load: async () => (await import('./check.js')).checkCommand,
  },
  {
    name: 'schema',
    summary: 'Print or write the JSON Schemas of citecheck JSON outputs',
    load: async () => (await import('./schema.js')).schemaCommand,
  },
];
