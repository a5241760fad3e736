import type { Report } from '../model/report.js';

/** The report as pretty-printed JSON, validated by `reports/schema/report.schema.json`. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
