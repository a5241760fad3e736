import { escapeHtml } from './escape.js';

/** Fill colours by category; anything unknown is grey. */
const COLOURS: Record<string, string> = {
  alive: '#2da44e',
  redirected: '#4ac26b',
  live: '#2da44e',
  supported: '#2da44e',
  broken: '#cf222e',
  'soft-404': '#e5534b',
  'server-error': '#a40e26',
  rot: '#cf222e',
  unsupported: '#cf222e',
  suspect: '#bf8700',
  'archived-only': '#bf8700',
  'at-risk': '#d4a72c',
  blocked: '#8c959f',
  'rate-limited': '#8c959f',
  timeout: '#8c959f',
  'network-error': '#8c959f',
  offline: '#6e7781',
  inconclusive: '#8c959f',
};

const ROW_HEIGHT_PX = 22;
const LABEL_WIDTH_PX = 120;
const BAR_WIDTH_PX = 220;

/** A horizontal bar chart as inline SVG (presentation attributes only: the CSP allows no inline styles). */
export function renderBarChart(title: string, counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const height = ROW_HEIGHT_PX * (entries.length + 1);
  const width = LABEL_WIDTH_PX + BAR_WIDTH_PX + 50;
  const bars = entries.map(([label, n], i) => {
    const y = ROW_HEIGHT_PX * (i + 1);
    const w = Math.round((n / max) * BAR_WIDTH_PX);
    return (
      `<text x="${LABEL_WIDTH_PX - 6}" y="${y + 15}" text-anchor="end" font-size="12" fill="currentColor">${escapeHtml(label)}</text>` +
      `<rect x="${LABEL_WIDTH_PX}" y="${y + 3}" width="${w}" height="${ROW_HEIGHT_PX - 6}" fill="${COLOURS[label] ?? '#8c959f'}"><title>${escapeHtml(`${label}: ${n}`)}</title></rect>` +
      `<text x="${LABEL_WIDTH_PX + w + 6}" y="${y + 15}" font-size="12" fill="currentColor">${n}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<text x="0" y="14" font-size="13" font-weight="bold" fill="currentColor">${escapeHtml(title)}</text>${bars.join('')}</svg>`
  );
}
