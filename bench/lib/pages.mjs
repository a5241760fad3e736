/** HTML bodies of the simulated web. Kept small and shared to keep the servers cheap. */
const FILLER = Array.from(
  { length: 24 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: the regional security situation, governance and humanitarian access were reviewed in detail by the panel.</p>`,
).join('\n');

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderPage(title, path) {
  const t = escapeHtml(title);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${t}</title></head><body><main><h1>${t}</h1><p class="lead">Document ${escapeHtml(path)}</p>\n${FILLER}\n</main></body></html>`;
}

export const NOT_FOUND_PAGE =
  '<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>';

export const SOFT_404_PAGE =
  '<!doctype html><html><head><title>Page not found | Ministry of Information</title></head><body><h1>Sorry, the page you requested could not be found.</h1><p>It may have been moved or deleted. Try the search box or return to the home page.</p></body></html>';

export const BOT_WALL_PAGE =
  '<!doctype html><html><head><title>Just a moment...</title></head><body><h1>Checking your browser before accessing the site.</h1><p>Please enable JavaScript and cookies to continue.</p></body></html>';

export const SPA_SHELL_PAGE =
  '<!doctype html><html><head><title>Portal</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>';

export const PDF_BODY = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
