import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createLogger } from '../../config/logger.js';
import { OutputError, UsageError } from '../../errors.js';
import { readInputs } from '../../extract/index.js';
import type { Report, ReportDocument } from '../../model/report.js';
import { readReportFile } from '../../report/baseline.js';
import { fixDocument } from '../../report/fix-document.js';
import { parseCommandArgs } from '../args.js';
import type { Command, CommandContext } from '../command.js';
import { EXIT } from '../command.js';
import { AUDIT_FLAGS_USAGE, AUDIT_OPTIONS, isStoreDisabled, resolveConfig } from '../config-flags.js';
import { runAuditCommand } from './audit.js';

const OPTIONS = {
  ...AUDIT_OPTIONS,
  output: { type: 'string', short: 'o' },
  'in-place': { type: 'boolean' },
  report: { type: 'string' },
} as const;

function findDocument(report: Report, cwd: string, file: string): ReportDocument | null {
  const wanted = resolve(cwd, file);
  return report.documents.find((d) => resolve(cwd, d.path) === wanted) ?? null;
}

/** Where the fixed copy goes; writing over the input takes an explicit `--in-place`. */
function outputPathOf(ctx: CommandContext, file: string, output: string | undefined, inPlace: boolean): string {
  if (inPlace && output !== undefined) throw new UsageError('give either --output or --in-place, not both');
  if (inPlace) return resolve(ctx.cwd, file);
  if (output === undefined) throw new UsageError('fix needs --output <new file> (or --in-place to rewrite the input)');
  const target = resolve(ctx.cwd, output);
  if (target === resolve(ctx.cwd, file)) {
    throw new UsageError('--output names the input itself; use --in-place to rewrite it');
  }
  return target;
}

export const fixCommand: Command = {
  name: 'fix',
  usage: `citecheck fix <file> (--output <new file> | --in-place) [--report reports/report.json] ${AUDIT_FLAGS_USAGE}`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(ctx.argv, OPTIONS);
    const [file, ...rest] = positionals;
    if (file === undefined || rest.length > 0 || file === '-') {
      throw new UsageError('fix takes exactly one document file');
    }
    const target = outputPathOf(ctx, file, values.output, values['in-place'] ?? false);
    const inputFormat = values['input-format'];
    const report =
      values.report === undefined
        ? await (async () => {
            const config = await resolveConfig(ctx, values);
            const logger = createLogger(config.logLevel);
            const formatOption = inputFormat === undefined ? {} : { format: inputFormat };
            const extra = { logger, noStore: isStoreDisabled(values), ...formatOption };
            return (await runAuditCommand(ctx, [file], config, extra)).report;
          })()
        : await readReportFile(resolve(ctx.cwd, values.report));
    const document = findDocument(report, ctx.cwd, file);
    if (!document) throw new UsageError(`the report has no document ${file}; audit it first or pass its report`);
    // Read as the audit read it, so the report's offsets point at the same characters.
    const [input] = await readInputs([file], { cwd: ctx.cwd, format: inputFormat ?? document.format });
    if (!input) throw new UsageError(`cannot read ${file}`);
    // Only confirmed rot is rewritten: a suspect link may be a flaky host that comes back.
    const rotten = document.citations.filter((c) => c.state === 'rot');
    const suspect = document.citations.filter((c) => c.state === 'suspect').length;
    const fixed = fixDocument(input.text, input.format, rotten);
    try {
      await writeFile(target, fixed.text);
    } catch (error) {
      throw new OutputError(`cannot write ${target}: ${(error as Error).message}`, { cause: error });
    }
    const lines = fixed.applied.map((a) => `  line ${a.line}: ${a.originalUrl} -> ${a.replacementUrl}`);
    for (const s of fixed.skipped) lines.push(`  line ${s.line}: skipped (${s.reason})`);
    const without = rotten.length - fixed.applied.length - fixed.skipped.length;
    ctx.stdout.write(
      [
        `fixed ${fixed.applied.length} citation(s) in ${file}, wrote ${values['in-place'] ? file : values.output}`,
        ...lines,
        ...(without > 0 ? [`${without} rotten citation(s) have no validated capture to use: see the report`] : []),
        ...(suspect > 0 ? [`${suspect} suspect citation(s) left as they are until rot is confirmed`] : []),
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
