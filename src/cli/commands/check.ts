import { resolve } from 'node:path';
import { type CheckRun, checkLinks } from '../../check/index.js';
import { createLogger } from '../../config/logger.js';
import { systemClock } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type CitedLinks, extractCitedLinks } from '../../extract/index.js';
import { isInconclusive, isLive, isRot, LINK_VERDICT_KINDS, type LinkResult } from '../../model/link-result.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import {
  CHECK_FLAG_OPTIONS,
  CHECK_FLAGS_USAGE,
  isStoreDisabled,
  openStoreFor,
  resolveConfig,
} from '../config-flags.js';
import { createProgressDisplay } from '../progress.js';
import { writeJson, writeJsonFile } from '../write-json.js';

const OPTIONS = {
  ...CHECK_FLAG_OPTIONS,
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  format: { type: 'string' },
} as const;

export const CHECK_OUTPUT_SCHEMA_VERSION = 1;
const URL_COLUMN_CHARS = 70;
const RUN_COMMAND = 'check';

export const checkCommand: Command = {
  name: 'check',
  usage:
    'citecheck check <inputs...> [--output results.json] [--json] [--format text|html|markdown] ' + CHECK_FLAGS_USAGE,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(ctx.argv, OPTIONS);
    if (positionals.length === 0) {
      throw new UsageError('check needs at least one input: a file, a directory, or - for standard input');
    }
    const config = await resolveConfig(ctx, values);
    const logger = createLogger(config.logLevel);
    // Only the links leave extraction (see `extractCitedLinks`): at 100k citations the documents
    // are ~110 MB, and the heap that extracting them grew would stay through the whole check.
    const cited = await extractCitedLinks(positionals, {
      cwd: ctx.cwd,
      stdin: ctx.stdin,
      ...(values.format === undefined ? {} : { format: values.format }),
    });

    const store = openStoreFor(ctx, config, { disabled: isStoreDisabled(values), logger });
    let run: CheckRun;
    try {
      // An interrupted `check` of the same inputs is resumed: its results are kept, not redone.
      const previous = store.lastInterruptedRun();
      const resumable = previous?.meta.command === RUN_COMMAND && sameInputs(previous.meta.inputs, positionals);
      const runId = resumable
        ? previous.runId
        : store.beginRun(new Date().toISOString(), { command: RUN_COMMAND, inputs: positionals });
      const progress = ctx.isTTY ? createProgressDisplay(ctx.stderr, cited.links.length, systemClock) : null;
      run = await checkLinks(cited.links, config.check, {
        store,
        runId,
        logger,
        signal: ctx.signal,
        onResult: (result, done) => progress?.tick(result.verdict.kind, done),
      });
      progress?.finish();
      store.finishRun(runId, new Date().toISOString(), run.interrupted ? 'interrupted' : 'completed');
    } finally {
      store.close();
    }

    const output = { schemaVersion: CHECK_OUTPUT_SCHEMA_VERSION, ...run };
    if (values.output !== undefined) await writeJsonFile(resolve(ctx.cwd, values.output), output);
    const summary = renderCheckSummary(run, cited);
    if (values.json) {
      await writeJson(ctx.stdout, output);
      ctx.stderr.write(summary);
    } else {
      ctx.stdout.write(summary);
    }
    return run.network.state === 'offline' || run.interrupted ? EXIT.couldNotAudit : EXIT.ok;
  },
};

function sameInputs(recorded: unknown, inputs: readonly string[]): boolean {
  return Array.isArray(recorded) && recorded.length === inputs.length && recorded.every((v, i) => v === inputs[i]);
}

/** How many documents and citations the links came from: all the summary needs of them. */
export type CitedCounts = Pick<CitedLinks, 'documents' | 'citations'>;

/** Counts per verdict, the network line, then every link that is not plainly alive. */
export function renderCheckSummary(run: CheckRun, cited: CitedCounts): string {
  const lines = [
    `checked ${run.results.length} unique link(s) from ${cited.citations} citation(s) in ${cited.documents} document(s)` +
      (run.interrupted ? ' (interrupted: the rest were not checked)' : ''),
  ];
  const counts = new Map<string, number>();
  for (const result of run.results) counts.set(result.verdict.kind, (counts.get(result.verdict.kind) ?? 0) + 1);
  for (const kind of LINK_VERDICT_KINDS) {
    const n = counts.get(kind);
    if (n) lines.push(`  ${kind.padEnd(14)}${String(n).padStart(6)}`);
  }
  const rot = run.results.filter((r) => isRot(r.verdict)).length;
  const unsure = run.results.filter((r) => isInconclusive(r.verdict)).length;
  lines.push(`  rot ${rot}, inconclusive ${unsure} (never counted as dead)`);
  lines.push(`network: ${run.network.message}`);
  const notable = run.results.filter((r) => !isLive(r.verdict) && r.verdict.kind !== 'offline');
  if (notable.length > 0) {
    lines.push('', 'links to look at:');
    for (const result of notable.sort(byConcern)) lines.push(`  ${formatRow(result)}`);
  }
  return `${lines.join('\n')}\n`;
}

function byConcern(a: LinkResult, b: LinkResult): number {
  const rank = (r: LinkResult) => (isRot(r.verdict) ? 0 : isInconclusive(r.verdict) ? 1 : 2);
  return rank(a) - rank(b);
}

function formatRow(result: LinkResult): string {
  const url = result.url.length > URL_COLUMN_CHARS ? `${result.url.slice(0, URL_COLUMN_CHARS - 1)}…` : result.url;
  return `${result.verdict.kind.padEnd(13)} ${url.padEnd(URL_COLUMN_CHARS)}  ${result.verdict.reason}`;
}
