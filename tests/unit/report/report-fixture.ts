import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ExtractedDocumentSchema } from '../../../src/model/document.js';
import { SourceEvidenceSchema } from '../../../src/model/evidence.js';
import { LinkResultSchema } from '../../../src/model/link-result.js';
import { type Report, RunInfoSchema } from '../../../src/model/report.js';
import { SnapshotLookupSchema } from '../../../src/model/snapshot.js';
import { buildReport, type ReportInput } from '../../../src/report/build-report.js';

export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/report');

const HistorySchema = z.object({ failingSince: z.string().nullable(), consecutiveFailures: z.number().int() });

/** The stage outputs a report is built from, validated by the same zod schemas the stages use. */
const ReportInputFileSchema = z.object({
  run: RunInfoSchema,
  documents: z.array(z.object({ document: ExtractedDocumentSchema, modifiedAt: z.string().nullable() })),
  links: z.array(LinkResultSchema),
  histories: z.record(z.string(), HistorySchema),
  snapshots: z.record(z.string(), SnapshotLookupSchema),
  evidence: z.record(z.string(), SourceEvidenceSchema),
  confirm: z.object({ runs: z.number(), days: z.number() }),
});

export function loadReportInput(): ReportInput {
  const raw = JSON.parse(readFileSync(join(FIXTURE_DIR, 'report-input.json'), 'utf8'));
  const file = ReportInputFileSchema.parse(raw);
  return {
    run: file.run,
    documents: file.documents,
    links: new Map(file.links.map((l) => [l.key, l])),
    histories: new Map(Object.entries(file.histories)),
    snapshots: new Map(Object.entries(file.snapshots)),
    evidence: new Map(Object.entries(file.evidence)),
    saves: new Map(),
    confirm: file.confirm,
    baseline: null,
    warnings: [],
  };
}

export function loadFixtureReport(): Report {
  return buildReport(loadReportInput());
}
