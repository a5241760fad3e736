/** URL forms of the Wayback Machine, all relative to a configurable base (loopback in tests). */

export interface MementoRef {
  timestamp: string;
  /** Replay modifier after the timestamp (`id_`, `im_`, ...), '' for the normal form. */
  modifier: string;
  original: string;
}

const MEMENTO_PATH = /^(\d{1,14})([a-z]{2}_)?\/(.+)$/s;

function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

/** `/web/<timestamp>id_/<url>`: the archived bytes, no rewriting, archived status as HTTP status. */
export function buildRawMementoUrl(base: string, timestamp: string, original: string): string {
  return `${trimBase(base)}/web/${timestamp}id_/${original}`;
}

/** `/web/<timestamp>/<url>`: the replay page a reader (or an editor's citation) links to. */
export function buildSnapshotUrl(base: string, timestamp: string, original: string): string {
  return `${trimBase(base)}/web/${timestamp}/${original}`;
}

/**
 * Reads a memento URL (absolute, or a path such as an archived redirect's `Location`)
 * back into its parts. Null when it is not a `/web/<ts>/...` URL under `base`.
 */
export function parseMementoUrl(url: string, base: string): MementoRef | null {
  let resolved: URL;
  try {
    resolved = new URL(url, `${trimBase(base)}/`);
  } catch {
    return null;
  }
  const prefix = `${trimBase(new URL(trimBase(base)).href)}/web/`;
  if (!resolved.href.startsWith(prefix)) return null;
  const m = MEMENTO_PATH.exec(resolved.href.slice(prefix.length));
  if (!m) return null;
  return { timestamp: m[1]!, modifier: m[2] ?? '', original: m[3]! };
}

/**
 * Two spellings of the same page as the archive sees them: scheme, `www.`, default port
 * and a trailing slash do not matter (captures of one urlkey mix them).
 */
export function isSameArchivedPage(a: string, b: string): boolean {
  return archiveKey(a) === archiveKey(b);
}

function archiveKey(url: string): string {
  return url
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/^([^/]+):(80|443)(?=\/|$)/, '$1')
    .replace(/\/+$/, '');
}
