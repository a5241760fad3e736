import { UsageError } from '../../errors.js';
import { extractDocument, readInputs } from '../../extract/index.js';
import {
  EXTRACT_SCHEMA_VERSION,
  type ExtractedDocument,
  type ExtractResult,
  ExtractResultSchema,
} from '../../model/document.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { writeJson } from '../write-json.js';

const URL_COLUMN_CHARS = 72;
const CLAIM_COLUMN_CHARS = 60;

export const extractCommand: Command = {
  name: 'extract',
  usage: 'citecheck extract <inputs...> [--format text|html|markdown] [--json]',
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(ctx.argv, {
      format: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length === 0) {
      throw new UsageError('extract needs at least one input: a file, a directory, or - for standard input');
    }
    const inputs = await readInputs(positionals, {
      cwd: ctx.cwd,
      stdin: ctx.stdin,
      ...(values.format === undefined ? {} : { format: values.format }),
    });
    const result: ExtractResult = ExtractResultSchema.parse({
      schemaVersion: EXTRACT_SCHEMA_VERSION,
      documents: inputs.map(extractDocument),
    });
    if (values.json) await writeJson(ctx.stdout, result);
    else ctx.stdout.write(renderExtractTable(result));
    return EXIT.ok;
  },
};

/** The human-readable listing: one row per citation, then the document's warnings. */
export function renderExtractTable(result: ExtractResult): string {
  return result.documents.map(renderDocument).join('\n');
}

function renderDocument(document: ExtractedDocument): string {
  const claims = new Map(document.claims.map((claim) => [claim.id, claim]));
  const withoutUrl = document.citations.filter((citation) => citation.url === null).length;
  const lines = [
    `${document.path} (${document.format}): ${document.citations.length} citation(s) on ${document.claims.length} claim(s), ` +
      `${withoutUrl} without URL, ${document.warnings.length} warning(s)`,
  ];
  if (document.citations.length > 0) {
    const rows = document.citations.map((citation) => [
      `${citation.line}:${citation.column}`,
      truncate(citation.url ?? `(no URL) ${citation.raw}`, URL_COLUMN_CHARS),
      truncate(claims.get(citation.claimId)?.text ?? '', CLAIM_COLUMN_CHARS),
    ]);
    const header = ['LINE:COL', 'URL', 'CLAIM'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    for (const row of [header, ...rows]) {
      lines.push(
        `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}`.trimEnd(),
      );
    }
  }
  for (const warning of document.warnings) {
    const at = warning.line === null ? '' : ` ${warning.line}:${warning.column}`;
    lines.push(`  warning${at} ${warning.code}: ${warning.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function truncate(value: string, maxChars: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1)}…`;
}
