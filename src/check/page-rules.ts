import { decodeHTML } from 'entities';
import type { LinkVerdict } from '../model/link-result.js';

export type Soft404Signal = Extract<LinkVerdict, { kind: 'soft-404' }>['signal'];

/** What the page itself says, apart from its status code. Shared by check and archive. */
export type PageJudgement =
  | { kind: 'ok'; rule: 'page-ok' }
  | { kind: 'soft-404'; signal: Soft404Signal; rule: string; detail: string }
  | { kind: 'blocked'; rule: string; detail: string };

export interface PageObservation {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Decoded text (possibly cut at the body cap). */
  body: string;
  redirected: boolean;
}

/** Not-found phrases in the languages most citations are in. Matched against the title and the h1. */
const NOT_FOUND_PHRASE =
  /\b(?:page not found|not found|file not found|no longer (?:available|exists)|(?:page|article|content) (?:does not|doesn't) exist|page (?:has been|was) (?:removed|deleted)|nicht gefunden|pagina non trovata|pagina niet gevonden|nie znaleziono)\b|página no encontrada|page introuvable|page non trouvée|página não encontrada|sayfa bulunamadı|страница не найдена|ページが見つかりません|找不到(?:页面|網頁|网页)|页面不存在|페이지를 찾을 수 없습니다/i;
/**
 * A bare 404 says "error" only when it is most of a title segment ("404", "Error 404 | Site",
 * "404 Page - Site"); inside a real title ("Section 404 permits", "Route 404") it is a number.
 */
const ERROR_404_SEGMENT =
  /^(?:oops!?\s*)?(?:(?:http\s*)?error\s*|erreur\s*|fehler\s*)?404(?:\s*(?:error|erreur|fehler|page|seite))?[\s.!]*$/i;
const TITLE_SEPARATOR = /\s+[-–—|:·•]\s+|\s*[|–—·•]\s*|:\s+/;

/** A not-found title: a not-found phrase, or a 404 standing as the error itself. */
function isNotFoundText(text: string): boolean {
  return NOT_FOUND_PHRASE.test(text) || text.split(TITLE_SEPARATOR).some((part) => ERROR_404_SEGMENT.test(part.trim()));
}

/** A not-found phrase in a long title is more likely an article about errors than an error page. */
const MAX_NOT_FOUND_TITLE_CHARS = 80;

/** Bot walls and challenge pages: the page exists, we just were not let in. */
const CHALLENGE_MARKERS: ReadonlyArray<readonly [string, RegExp]> = [
  [
    'cloudflare-challenge',
    /<title>\s*(?:just a moment\.{3}|attention required! \| cloudflare)|cf-browser-verification|challenges\.cloudflare\.com/i,
  ],
  [
    'captcha',
    /\b(?:g-recaptcha|h-captcha|hcaptcha\.com|px-captcha|captcha-delivery\.com|geo\.captcha)\b|(?:verify|prove) (?:that )?you are (?:a )?human/i,
  ],
  ['bot-challenge', /\b(?:datadome|_incapsula_resource|perimeterx|are you a robot)\b/i],
];

/** Where sites send readers who must sign in first. */
const LOGIN_PATH =
  /(?:^|\/)(?:login|log-in|signin|sign-in|sign_in|sso|session\/new|accounts?\/login|auth\/login|wp-login\.php|users?\/sign_in)(?:[/.?]|$)/i;
/** Final URLs that are themselves error pages. */
const NOT_FOUND_PATH =
  /(?:^|\/)(?:404|not[-_]?found|notfound|page[-_]?not[-_]?found|error[-_]?404|errors?\/404)(?:\.[a-z]{2,5})?\/?$/i;
const NOT_FOUND_QUERY = /[?&](?:error|err|status)=404\b/i;
/** Paths that ARE the home page under another name. */
const HOME_ALIAS = /^\/(?:index\.[a-z]{2,5}|default\.aspx?|home\/?)?$/i;
/** `/`, or a bare locale root such as `/en/` or `/en-us/`. */
const ROOT_PATH = /^\/(?:[a-z]{2}(?:[-_][a-z]{2})?\/)?$/i;
const H1 = /<h1\b[^>]*>([\s\S]{0,400}?)<\/h1>/i;
const TITLE = /<title\b[^>]*>([\s\S]{0,2000}?)<\/title>/i;
const TAG = /<[^>]+>/g;
const WHITESPACE = /\s+/g;
/** Only this much of a page is scanned for cues: titles and challenge markers sit near the top. */
export const PAGE_SCAN_CHARS = 64 * 1024;
const MAX_TITLE_CHARS = 300;

/** The page's `<title>`, entities decoded and whitespace collapsed; null when absent or empty. */
export function extractTitle(html: string): string | null {
  const match = TITLE.exec(html.length > PAGE_SCAN_CHARS ? html.slice(0, PAGE_SCAN_CHARS) : html);
  if (!match?.[1]) return null;
  const title = toPlainText(match[1]);
  return title === '' ? null : title.slice(0, MAX_TITLE_CHARS);
}

/**
 * Page-level rules, in order of how sure they are: a challenge marker means blocked; a
 * not-found title or heading, an error-page URL, a deep link sent to the home page or to a
 * login form mean soft-404. Status codes are judged elsewhere.
 */
export function judgePage(page: PageObservation): PageJudgement {
  const head = page.body.length > PAGE_SCAN_CHARS ? page.body.slice(0, PAGE_SCAN_CHARS) : page.body;
  const mitigated = page.headers['cf-mitigated'];
  if (mitigated) return { kind: 'blocked', rule: 'cf-mitigated', detail: `cf-mitigated: ${mitigated}` };
  for (const [rule, marker] of CHALLENGE_MARKERS) {
    const hit = marker.exec(head);
    if (hit) return { kind: 'blocked', rule, detail: `page contains "${hit[0].slice(0, 80)}"` };
  }

  const title = extractTitle(head);
  if (title && title.length <= MAX_NOT_FOUND_TITLE_CHARS && isNotFoundText(title)) {
    return { kind: 'soft-404', signal: 'title', rule: 'soft404-title', detail: `title "${title}"` };
  }
  const h1 = H1.exec(head)?.[1];
  const heading = h1 ? toPlainText(h1) : '';
  if (heading && heading.length <= MAX_NOT_FOUND_TITLE_CHARS && isNotFoundText(heading)) {
    return { kind: 'soft-404', signal: 'body', rule: 'soft404-heading', detail: `heading "${heading.slice(0, 120)}"` };
  }
  if (page.redirected) return judgeRedirect(page.requestedUrl, page.finalUrl);
  return { kind: 'ok', rule: 'page-ok' };
}

function judgeRedirect(requestedUrl: string, finalUrl: string): PageJudgement {
  const requested = safeUrl(requestedUrl);
  const final = safeUrl(finalUrl);
  if (!requested || !final) return { kind: 'ok', rule: 'page-ok' };
  if (NOT_FOUND_PATH.test(final.pathname) || NOT_FOUND_QUERY.test(final.search)) {
    return {
      kind: 'soft-404',
      signal: 'url-pattern',
      rule: 'soft404-url-pattern',
      detail: `redirected to ${finalUrl}`,
    };
  }
  if (LOGIN_PATH.test(final.pathname) && !LOGIN_PATH.test(requested.pathname)) {
    return {
      kind: 'soft-404',
      signal: 'login-redirect',
      rule: 'soft404-login-redirect',
      detail: `redirected to ${finalUrl}`,
    };
  }
  const deep = !HOME_ALIAS.test(requested.pathname) && !ROOT_PATH.test(requested.pathname);
  if (deep && ROOT_PATH.test(final.pathname) && final.search === '') {
    return {
      kind: 'soft-404',
      signal: 'redirect-to-root',
      rule: 'soft404-redirect-to-root',
      detail: `${requested.pathname} redirected to the site root ${finalUrl}`,
    };
  }
  return { kind: 'ok', rule: 'page-ok' };
}

function safeUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function toPlainText(html: string): string {
  // Page titles are real HTML: decode as a browser does (legacy unterminated names included).
  return decodeHTML(html.replace(TAG, ' ')).replace(WHITESPACE, ' ').trim();
}
