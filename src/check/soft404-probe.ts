import type { HttpResponse } from '../model/http.js';
import { extractTitle } from './page-rules.js';

/** The cited page, as far as the comparison needs it. */
export interface ProbedPage {
  finalUrl: string;
  title: string | null;
  bodyLength: number;
  /** Cut at the body cap: its length says nothing then. */
  truncated: boolean;
}

/** What a path that cannot exist gets on one origin. */
type ProbeAnswer =
  | { kind: 'honest' }
  | { kind: 'redirect'; location: string }
  | { kind: 'page'; title: string | null; bodyLength: number; truncated: boolean };

export interface Soft404Prober {
  /** A description of the likeness when `page` looks like the host's answer to a random path, else null. */
  match(page: ProbedPage): Promise<string | null>;
}

/** Body lengths this close (relative) count as the same template. */
const SAME_LENGTH_TOLERANCE = 0.1;

/**
 * Once per origin, asks for a random path that cannot exist. A host that answers it with
 * 200 serves soft-404s, and a cited page like that answer is one of them.
 */
export function createSoft404Prober(
  fetchOnce: (url: string) => Promise<HttpResponse | null>,
  random: () => number,
): Soft404Prober {
  const answers = new Map<string, Promise<ProbeAnswer>>();

  async function probe(origin: string): Promise<ProbeAnswer> {
    const token = Math.floor(random() * 2 ** 48).toString(36);
    const url = `${origin}/citecheck-probe-${token}-does-not-exist`;
    const res = await fetchOnce(url);
    if (!res) return { kind: 'honest' };
    const location = res.headers.location;
    if (res.status >= 300 && res.status <= 399 && location) {
      return { kind: 'redirect', location: new URL(location, url).href };
    }
    if (res.status < 200 || res.status > 299) return { kind: 'honest' };
    const title = extractTitle(res.body.toString('utf8'));
    return { kind: 'page', title, bodyLength: res.body.length, truncated: res.truncated };
  }

  return {
    async match(page) {
      const origin = new URL(page.finalUrl).origin;
      let answer = answers.get(origin);
      if (!answer) {
        answer = probe(origin);
        answers.set(origin, answer);
      }
      const probed = await answer;
      if (probed.kind === 'redirect') {
        return probed.location === page.finalUrl ? `a random path also redirects to ${probed.location}` : null;
      }
      if (probed.kind !== 'page' || probed.title === null || probed.title !== page.title) return null;
      if (probed.truncated || page.truncated) return null;
      const longer = Math.max(probed.bodyLength, page.bodyLength, 1);
      const similar = Math.abs(probed.bodyLength - page.bodyLength) / longer <= SAME_LENGTH_TOLERANCE;
      return similar ? `same title "${page.title}" and body size as a random path` : null;
    },
  };
}
