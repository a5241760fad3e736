import { describe, expect, it } from 'vitest';
import { extractTitle, judgePage, type PageObservation } from '../../../src/check/page-rules.js';

function page(overrides: Partial<PageObservation>): PageObservation {
  return {
    requestedUrl: 'https://site.test/articles/2021/deep-story',
    finalUrl: 'https://site.test/articles/2021/deep-story',
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: '<html><head><title>A deep story</title></head><body><h1>A deep story</h1><p>text</p></body></html>',
    redirected: false,
    ...overrides,
  };
}
const html = (title: string, h1 = 'Heading') =>
  `<html><head><title>${title}</title></head><body><h1>${h1}</h1></body></html>`;

describe('extractTitle', () => {
  it('decodes entities as a browser does and collapses whitespace', () => {
    expect(extractTitle('<html><head><title>\n  Caf&eacute; &amp; Bar &#8212; &#x41;\n</title>')).toBe(
      'Café & Bar — A',
    );
    // Legacy names decode without `;`; an unknown name stays as written.
    expect(extractTitle('<title>AT&T &copy 2020 &bogus;</title>')).toBe('AT&T © 2020 &bogus;');
  });
  it('returns null for a missing or empty title', () => {
    expect(extractTitle('<html><body>no title</body></html>')).toBeNull();
    expect(extractTitle('<title>   </title>')).toBeNull();
  });
  it('reads attributes on the title tag', () => {
    expect(extractTitle('<title data-x="1">Hi</title>')).toBe('Hi');
  });
});

describe('judgePage', () => {
  it('accepts an ordinary page', () => {
    expect(judgePage(page({}))).toEqual({ kind: 'ok', rule: 'page-ok' });
  });

  it.each([
    ['Page not found | Site'],
    ['404 - File or directory not found.'],
    ['Página no encontrada'],
    ['Seite nicht gefunden'],
    ['Page introuvable'],
    ['Страница не найдена'],
    ['ページが見つかりません'],
    ['Sayfa bulunamadı'],
    ['404'],
    ['Error 404 | Example News'],
    ['404 Page - Example'],
    ['Oops! 404'],
  ])('calls a "%s" title a soft-404', (title) => {
    expect(judgePage(page({ body: html(title) }))).toMatchObject({
      kind: 'soft-404',
      signal: 'title',
      rule: 'soft404-title',
    });
  });

  it.each([['Section 404 permits'], ['Route 404 bus timetable'], ['Form 404: application for a permit']])(
    'does not take a real title with the number 404 in it ("%s") for an error page',
    (title) => {
      expect(judgePage(page({ body: html(title) })).kind).toBe('ok');
    },
  );

  it('does not take a long article title about errors for an error page', () => {
    const title =
      'How the 404 page became a design genre: a long essay on web history, broken links and the meaning of not found';
    expect(judgePage(page({ body: html(title) })).kind).toBe('ok');
  });

  it('reads a not-found heading under a generic title', () => {
    expect(judgePage(page({ body: html('Example Corp', "Sorry, this page doesn't exist") }))).toMatchObject({
      kind: 'soft-404',
      signal: 'body',
      rule: 'soft404-heading',
    });
  });

  it('calls cf-mitigated and challenge pages blocked', () => {
    expect(judgePage(page({ headers: { 'cf-mitigated': 'challenge' } }))).toMatchObject({
      kind: 'blocked',
      rule: 'cf-mitigated',
    });
    expect(judgePage(page({ body: html('Just a moment...') }))).toMatchObject({
      kind: 'blocked',
      rule: 'cloudflare-challenge',
    });
    expect(judgePage(page({ body: '<div class="g-recaptcha"></div>' }))).toMatchObject({
      kind: 'blocked',
      rule: 'captcha',
    });
  });

  it('calls a deep URL redirected to the site root a soft-404', () => {
    expect(judgePage(page({ finalUrl: 'https://site.test/', redirected: true }))).toMatchObject({
      kind: 'soft-404',
      signal: 'redirect-to-root',
    });
    expect(judgePage(page({ finalUrl: 'https://new-site.test/en/', redirected: true }))).toMatchObject({
      signal: 'redirect-to-root',
    });
  });

  it('does not flag a home page alias redirected to the root', () => {
    const judged = judgePage(
      page({ requestedUrl: 'https://site.test/index.html', finalUrl: 'https://site.test/', redirected: true }),
    );
    expect(judged.kind).toBe('ok');
  });

  it('calls a redirect to a login form or an error URL a soft-404', () => {
    expect(
      judgePage(page({ finalUrl: 'https://site.test/users/sign_in?return=/articles', redirected: true })),
    ).toMatchObject({ signal: 'login-redirect' });
    expect(judgePage(page({ finalUrl: 'https://site.test/errors/404.html', redirected: true }))).toMatchObject({
      signal: 'url-pattern',
    });
    expect(judgePage(page({ finalUrl: 'https://site.test/notfound', redirected: true }))).toMatchObject({
      signal: 'url-pattern',
    });
  });

  it('leaves an ordinary redirect alone', () => {
    expect(judgePage(page({ finalUrl: 'https://site.test/articles/2021/deep-story/', redirected: true })).kind).toBe(
      'ok',
    );
  });
});
