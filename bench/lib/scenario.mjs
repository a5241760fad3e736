/**
 * Seeded scenario generator: a simulated web (hosts, routes, behaviours) plus the citations
 * that point into it and the ground truth for every unique URL.
 *
 * Truth categories: `live` (the page is there), `rot` (gone: 404/410, persistent 5xx,
 * soft-404) and `inconclusive` (nobody can tell from here: bot walls, 999, persistent 429,
 * stalls, resets, refused connections). `acceptable` lists what a correct checker may say.
 */
import { createRandom, createZipfSampler } from './random.mjs';

export const SIZES = { '1k': 1_000, '10k': 10_000, '100k': 100_000 };
const DEFAULT_HOSTS = { 1000: 50, 10000: 100, 100000: 1_000 };
const DUPLICATE_SHARE = 0.15;
const FRAGMENT_SHARE_OF_DUPLICATES = 0.3;
const LARGE_BODY_BYTES = 6 * 1024 * 1024;
const RETRY_AFTER_S = 1;

/** Per-link behaviours on ordinary hosts, with their share of unique URLs. */
const LINK_MIX = [
  ['redirect', 0.04],
  ['redirect-cross-host', 0.02],
  ['redirect-to-404', 0.005],
  ['pdf', 0.02],
  ['large', 0.005],
  ['404', 0.06],
  ['410', 0.01],
  ['500', 0.01],
  ['soft404-title', 0.02],
  ['soft404-root', 0.01],
  ['403-wall', 0.02],
  ['401', 0.005],
  ['transient-503', 0.02],
  ['transient-reset', 0.01],
  ['transient-429', 0.003],
  ['persistent-429', 0.001],
];

const TRUTH = {
  alive: 'live',
  pdf: 'live',
  large: 'live',
  redirect: 'live',
  'redirect-cross-host': 'live',
  'transient-503': 'live',
  'transient-reset': 'live',
  'transient-429': 'live',
  'spa-page': 'live',
  'redirect-to-404': 'rot',
  404: 'rot',
  410: 'rot',
  500: 'rot',
  'soft404-title': 'rot',
  'soft404-root': 'rot',
  'spa-missing': 'rot',
  '403-wall': 'inconclusive',
  401: 'inconclusive',
  999: 'inconclusive',
  'persistent-429': 'inconclusive',
  'stall-headers': 'inconclusive',
  'stall-body': 'inconclusive',
  reset: 'inconclusive',
  'reset-mid-body': 'inconclusive',
  refused: 'inconclusive',
};
/** Where a HEAD-only answer is as good as a verdict: the body fails only when read. */
const ALSO_ACCEPTABLE = { 'stall-body': ['live'], 'reset-mid-body': ['live'] };

const SECTIONS = ['analysis', 'news', 'reports', 'documents', 'articles', 'publications', 'briefs', 'sanctions'];
const WORDS = (
  'security council sahel mali group regional threat governance conflict insurgency militia ' +
  'border reform election economy trade migration policy review annual census drought aid'
).split(' ');

function hostAddress(index) {
  return `127.77.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

/** Ordinary hosts carry a profile that applies to all their routes. */
function hostProfile(rank) {
  if (rank === 6) return 'spa';
  if (rank === 10) return 'wall999';
  if (rank % 10 === 3) return 'head405';
  if (rank % 4 === 1) return 'gzip';
  return 'plain';
}

function weightedPick(random, mix) {
  let u = random.next();
  for (const [name, share] of mix) {
    if (u < share) return name;
    u -= share;
  }
  return 'alive';
}

function words(random) {
  return Array.from({ length: random.int(2, 5) }, () => random.pick(WORDS));
}

function slug(random, id) {
  return `${words(random).join('-')}-${id.toString(36)}`;
}

/** Titles carry no ids: a base-36 id can spell "404", which a checker rightly reads as a not-found title. */
function pageTitle(random, kind) {
  const [first = 'report', ...rest] = words(random);
  return `${first[0].toUpperCase()}${first.slice(1)} ${rest.join(' ')} ${kind}`.replace(/ +/g, ' ');
}

/**
 * @param {{ size: number, hosts?: number, seed?: number, zipf?: number, port: number }} options
 */
export function generateScenario(options) {
  const { size, port } = options;
  const seed = options.seed ?? 7;
  const hostCount = options.hosts ?? DEFAULT_HOSTS[size] ?? Math.max(10, Math.round(size / 100));
  const zipf = options.zipf ?? 1;
  const random = createRandom(seed);
  const origin = (address) => `http://${address}:${port}`;

  const hosts = [];
  const addHost = (profile) => {
    const index = hosts.length;
    const address = hostAddress(index);
    const host = { index, address, origin: origin(address), profile, latencyMs: random.int(20, 80), routes: {} };
    host.routes['/'] = { type: 'page', title: `Home of host ${index}` };
    hosts.push(host);
    return host;
  };
  for (let rank = 0; rank < hostCount; rank++) addHost(hostProfile(rank));
  const tarpit = addHost('tarpit');
  // Nothing listens there: connections are refused.
  const refused = { index: -1, address: '127.78.0.1', origin: origin('127.78.0.1'), profile: 'refused', routes: {} };

  let nextId = 1;
  const newPath = () => {
    const id = nextId++;
    const section = random.pick(SECTIONS);
    const year = random.int(2009, 2024);
    const query = random.chance(0.05) ? `?id=${id}&lang=en` : '';
    return `/${section}/${year}/${slug(random, id)}${random.chance(0.2) ? '.html' : ''}${query}`;
  };
  const page = (title) => ({ type: 'page', title });
  const plainHosts = hosts.filter((h) => h.profile === 'plain' || h.profile === 'gzip');

  /** Adds a redirect chain of `hops` hops from `from` ending at `finalRoute` on `finalHost`. */
  const addChain = (host, path, hops, finalHost, finalRoute) => {
    let current = { host, path };
    for (let hop = 1; hop <= hops; hop++) {
      const last = hop === hops;
      const target = last ? { host: finalHost, path: newPath() } : { host, path: `/r/${nextId++}-hop${hop}` };
      const location = target.host === current.host ? target.path : `${target.host.origin}${target.path}`;
      current.host.routes[current.path] = { type: 'redirect', status: random.pick([301, 302, 307, 308]), location };
      current = target;
    }
    current.host.routes[current.path] = finalRoute;
    return hops + 1;
  };

  const urls = [];
  /** `cost` lists the requests a policy-compliant checker cannot avoid, for the lower bound. */
  const addUrl = (host, path, behaviour, cost) => {
    urls.push({
      url: `${host.origin}${path}`,
      host: host.address,
      behaviour,
      truth: TRUTH[behaviour],
      acceptable: [TRUTH[behaviour], ...(ALSO_ACCEPTABLE[behaviour] ?? [])],
      transient: behaviour.startsWith('transient-'),
      cost,
    });
  };
  const one = (host) => [{ host: host.address, kind: 'response' }];

  const addOrdinaryUrl = (host) => {
    const path = newPath();
    const behaviour = weightedPick(random, LINK_MIX);
    const title = pageTitle(random, 'report');
    switch (behaviour) {
      case 'alive':
        host.routes[path] = page(title);
        return addUrl(host, path, behaviour, one(host));
      case 'pdf':
        host.routes[path] = { type: 'page', title, contentType: 'application/pdf' };
        return addUrl(host, path, behaviour, one(host));
      case 'large':
        host.routes[path] = { type: 'page', title, bytes: LARGE_BODY_BYTES };
        return addUrl(host, path, behaviour, one(host));
      case 'redirect':
      case 'redirect-cross-host':
      case 'redirect-to-404': {
        const finalHost = behaviour === 'redirect-cross-host' ? random.pick(plainHosts) : host;
        const finalRoute = behaviour === 'redirect-to-404' ? { type: 'status', status: 404 } : page(title);
        const hops = random.int(1, 3);
        addChain(host, path, hops, finalHost, finalRoute);
        const cost = Array.from({ length: hops }, () => ({ host: host.address, kind: 'response' }));
        cost.push({ host: finalHost.address, kind: 'response' });
        return addUrl(host, path, behaviour, cost);
      }
      case '404':
      case '410':
      case '401':
        host.routes[path] = { type: 'status', status: Number(behaviour) };
        return addUrl(host, path, behaviour, one(host));
      case '500':
        host.routes[path] = { type: 'status', status: 500 };
        return addUrl(host, path, behaviour, [{ host: host.address, kind: 'response', attempts: 'retries' }]);
      case '403-wall':
        host.routes[path] = { type: 'bot-wall' };
        return addUrl(host, path, behaviour, one(host));
      case 'soft404-title':
        host.routes[path] = { type: 'soft404-title' };
        return addUrl(host, path, behaviour, one(host));
      case 'soft404-root':
        host.routes[path] = { type: 'redirect', status: 302, location: '/' };
        return addUrl(host, path, behaviour, [...one(host), ...one(host)]);
      case 'transient-503':
        host.routes[path] = { type: 'transient', failures: 1, fail: { status: 503 }, recovered: page(title) };
        return addUrl(host, path, behaviour, [{ host: host.address, kind: 'response', attempts: 2 }]);
      case 'transient-reset':
        host.routes[path] = { type: 'transient', failures: 1, fail: { reset: true }, recovered: page(title) };
        return addUrl(host, path, behaviour, [
          { host: host.address, kind: 'instant' },
          { host: host.address, kind: 'response' },
        ]);
      case 'transient-429':
        host.routes[path] = {
          type: 'transient',
          failures: 1,
          fail: { status: 429, retryAfterS: RETRY_AFTER_S },
          recovered: page(title),
        };
        return addUrl(host, path, behaviour, [
          { host: host.address, kind: 'response', pauseMs: RETRY_AFTER_S * 1000 },
          { host: host.address, kind: 'response' },
        ]);
      case 'persistent-429':
        host.routes[path] = { type: 'status', status: 429, retryAfterS: RETRY_AFTER_S };
        return addUrl(host, path, behaviour, [
          { host: host.address, kind: 'response', attempts: 'retries', pauseMs: RETRY_AFTER_S * 1000 },
        ]);
      default:
        throw new Error(`unknown behaviour ${behaviour}`);
    }
  };

  const uniqueCount = Math.max(1, Math.round(size * (1 - DUPLICATE_SHARE)));
  const tarpitEach = Math.min(10, Math.max(1, Math.round(size / 3000)));
  const refusedCount = Math.max(1, Math.round(size / 2000));
  const sampleHost = createZipfSampler(hostCount, zipf, random);
  const specialCount = tarpitEach * 4 + refusedCount;
  for (let i = 0; i < uniqueCount - specialCount; i++) {
    const host = hosts[sampleHost()];
    if (host.profile === 'wall999') {
      const path = newPath();
      host.routes[path] = page('Profile');
      addUrl(host, path, '999', one(host));
    } else if (host.profile === 'spa') {
      const path = newPath();
      const missing = random.chance(0.2);
      if (!missing) host.routes[path] = page(pageTitle(random, 'app page'));
      addUrl(host, path, missing ? 'spa-missing' : 'spa-page', one(host));
    } else {
      addOrdinaryUrl(host);
    }
  }
  for (const behaviour of ['stall-headers', 'stall-body', 'reset', 'reset-mid-body']) {
    for (let i = 0; i < tarpitEach; i++) {
      const path = newPath();
      tarpit.routes[path] = { type: behaviour };
      const kind = behaviour === 'stall-headers' ? 'timeout' : 'instant';
      addUrl(tarpit, path, behaviour, [{ host: tarpit.address, kind, attempts: 'retries' }]);
    }
  }
  for (let i = 0; i < refusedCount; i++)
    addUrl(refused, newPath(), 'refused', [{ host: refused.address, kind: 'instant' }]);

  const citations = buildCitations(urls, size, random);
  const archive = buildCaptures(urls, random);
  return { seed, size, hostCount, zipf, port, hosts, refusedHost: refused.address, urls, citations, archive };
}

/** Every unique URL once, then duplicates (some with a fragment), shuffled. */
function buildCitations(urls, size, random) {
  const citations = urls.map((u) => u.url);
  while (citations.length < size) {
    const base = random.pick(urls).url;
    citations.push(random.chance(FRAGMENT_SHARE_OF_DUPLICATES) ? `${base}#section-${random.int(1, 9)}` : base);
  }
  for (let i = citations.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [citations[i], citations[j]] = [citations[j], citations[i]];
  }
  return citations;
}

/** Wayback captures: most rotten URLs were archived while alive; some captures are errors. */
function buildCaptures(urls, random) {
  const captures = {};
  for (const u of urls) {
    const archived = u.truth === 'rot' ? random.chance(0.7) : random.chance(0.2);
    if (!archived) continue;
    const year = random.int(2012, 2022);
    const rows = [{ timestamp: `${year}0${random.int(1, 9)}1${random.int(0, 9)}120000`, status: 200 }];
    if (random.chance(0.3)) rows.push({ timestamp: `${year + 1}0615083000`, status: 404 });
    captures[u.url] = rows;
  }
  return captures;
}
