import type { ArchivedRef } from '../model/citation.js';

export type { ArchivedRef };

/**
 * `web.archive.org/web/<timestamp>[<modifier>_]/<original>` (also `archive.org/web/` and
 * `wayback.archive.org/web/`). Modifiers such as `id_`, `if_`, `im_` select a rendering of the
 * same capture. Wildcard and range forms (`/web/*`, `/web/2020*`) name no single capture.
 */
const WAYBACK = /^(?:https?:\/\/)?(?:(?:web|wayback)\.)?archive\.org(?::\d+)?\/web\/(\d{1,14})(?:[a-z]{2}_)?\/(.+)$/i;

export function parseArchivedUrl(url: string): ArchivedRef | null {
  const match = WAYBACK.exec(url.trim());
  if (!match) return null;
  const original = restoreScheme(match[2]!);
  return original === null ? null : { timestamp: match[1]!, original };
}

/** Wayback collapses `//` to `/` in some links and accepts originals written without a scheme. */
function restoreScheme(original: string): string | null {
  const scheme = /^(https?):\/{0,3}/i.exec(original);
  const rest = scheme ? original.slice(scheme[0].length) : original;
  if (rest === '' || rest.startsWith('/')) return null;
  return `${scheme ? scheme[1]!.toLowerCase() : 'http'}://${rest}`;
}
