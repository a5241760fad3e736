import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyResponse,
  classifyTransportError,
  createObservation,
  type Observation,
} from '../../../src/check/classify.js';
import { judgePage, type PageObservation } from '../../../src/check/page-rules.js';
import { isRot, LINK_VERDICT_KINDS, LinkVerdictSchema } from '../../../src/model/link-result.js';

/**
 * Property tests of the response classifier: whatever a server sends, the verdict is a
 * member of the closed union with its evidence, and answers that say "not for you"
 * (401, 403, 999, 429, 408) or transport failures never become rot.
 */
const RUNS = { numRuns: 300 };
const PAGE_KINDS = ['ok', 'soft-404', 'blocked'];

const headerName = fc.constantFrom('content-type', 'cf-mitigated', 'retry-after', 'location', 'server', 'x-anything');
const headers = fc.dictionary(headerName, fc.string({ maxLength: 40 }), { maxKeys: 4 });
/** Bodies made of the fragments real pages and error pages are made of, plus noise. */
const bodyPiece = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '<title>',
    '</title>',
    '<h1>',
    '</h1>',
    'Page not found',
    '404',
    'Just a moment...',
    'g-recaptcha',
    'Are you a robot',
    '&amp;',
    '&#x1F600;',
    '&#99999999;',
    '<script>',
    '\u0000',
    'страница не найдена',
  ),
);
const body = fc.array(bodyPiece, { maxLength: 30 }).map((parts) => parts.join(''));
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('http://x.test/', 'http://x.test/login', 'https://x.test/a/b/404.html', 'not a url', ''),
);
const page: fc.Arbitrary<PageObservation> = fc.record({
  requestedUrl: url,
  finalUrl: url,
  status: fc.integer({ min: 100, max: 999 }),
  headers,
  body,
  redirected: fc.boolean(),
});
const observation: fc.Arbitrary<Observation> = fc.record({
  finalUrl: fc.option(url, { nil: null }),
  redirects: fc.array(
    fc.record({ url: fc.webUrl(), status: fc.constantFrom(301, 302, 303, 307, 308), location: fc.webUrl() }),
    { maxLength: 3 },
  ),
  attempts: fc.integer({ min: 0, max: 5 }),
  method: fc.constantFrom('HEAD' as const, 'GET' as const, null),
  status: fc.option(fc.integer({ min: 100, max: 999 }), { nil: null }),
  contentType: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  title: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  errorCode: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
  elapsedMs: fc.nat({ max: 60_000 }),
});

function facts(status: number, p: PageObservation | null, probeMatch: string | null, retryAfterMs: number | null) {
  return { status, page: p ? judgePage(p) : null, probeMatch, retryAfterMs };
}

describe('judgePage on arbitrary pages', () => {
  it('never throws and returns a closed judgement', () => {
    fc.assert(
      fc.property(page, (p) => {
        const judgement = judgePage(p);
        expect(PAGE_KINDS).toContain(judgement.kind);
        expect(typeof judgement.rule).toBe('string');
      }),
      RUNS,
    );
  });

  it('calls any page with a cf-mitigated header blocked', () => {
    fc.assert(
      fc.property(page, fc.string({ minLength: 1, maxLength: 20 }), (p, value) => {
        expect(judgePage({ ...p, headers: { ...p.headers, 'cf-mitigated': value } }).kind).toBe('blocked');
      }),
      RUNS,
    );
  });
});

describe('classifyResponse on arbitrary responses', () => {
  it('never throws and always returns a valid member of the verdict union', () => {
    fc.assert(
      fc.property(
        observation,
        fc.integer({ min: 100, max: 999 }),
        fc.option(page, { nil: null }),
        fc.option(fc.string({ maxLength: 20 }), { nil: null }),
        fc.option(fc.nat(), { nil: null }),
        (obs, status, p, probe, retryAfter) => {
          const verdict = classifyResponse(obs, facts(status, p, probe, retryAfter));
          expect(LINK_VERDICT_KINDS).toContain(verdict.kind);
          expect(LinkVerdictSchema.safeParse(verdict).success).toBe(true);
          expect(verdict.evidence.rule.length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });

  it('never calls 401, 403, 407, 408, 429 or 999 rot, whatever the page says', () => {
    fc.assert(
      fc.property(
        observation,
        fc.constantFrom(401, 403, 407, 408, 429, 999),
        fc.option(page, { nil: null }),
        fc.option(fc.string({ maxLength: 20 }), { nil: null }),
        (obs, status, p, probe) => {
          const verdict = classifyResponse(obs, facts(status, p ? { ...p, status } : null, probe, null));
          expect(isRot(verdict)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('never calls a bot wall rot, whatever the status', () => {
    fc.assert(
      fc.property(observation, fc.integer({ min: 100, max: 999 }), page, (obs, status, p) => {
        const wall = { ...p, status, headers: { ...p.headers, 'cf-mitigated': 'challenge' } };
        expect(classifyResponse(obs, facts(status, wall, null, null)).kind).toBe('blocked');
      }),
      RUNS,
    );
  });
});

describe('classifyTransportError on arbitrary failures', () => {
  const code = fc.oneof(
    fc.constantFrom(
      'ECONNRESET',
      'ECONNREFUSED',
      'ENOTFOUND',
      'EAI_AGAIN',
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_BODY_TIMEOUT',
      'TOTAL_TIMEOUT',
      'ADDRESS_REFUSED',
      'BODY_TOO_LARGE',
      'DECODE_FAILED',
    ),
    fc.string({ maxLength: 16 }),
  );
  const online = fc.constantFrom(true, false, null);

  it('never throws and always returns a valid verdict', () => {
    fc.assert(
      fc.property(code, fc.string({ maxLength: 80 }), online, (c, message, on) => {
        const verdict = classifyTransportError(createObservation(), c, message, on);
        expect(LinkVerdictSchema.safeParse(verdict).success).toBe(true);
      }),
      RUNS,
    );
  });

  it('says offline whenever the canaries said the network is gone', () => {
    fc.assert(
      fc.property(code, fc.string({ maxLength: 80 }), (c, message) => {
        expect(classifyTransportError(createObservation(), c, message, false).kind).toBe('offline');
      }),
      RUNS,
    );
  });

  it('calls nothing but a vanished domain rot', () => {
    fc.assert(
      fc.property(code, fc.string({ maxLength: 80 }), online, (c, message, on) => {
        const verdict = classifyTransportError(createObservation(), c, message, on);
        if (isRot(verdict)) {
          expect(['ENOTFOUND', 'EAI_NONAME']).toContain(c);
          expect(on).not.toBe(false);
        }
      }),
      RUNS,
    );
  });
});
