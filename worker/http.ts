// HTTP helpers shared by the read routes: ETags, conditional requests, and the edge cache
// with a last-good copy for when D1 fails (the Workers Cache API has no stale-if-error).
import { LANGS, type Lang } from '../widget/render/i18n';
import { THEMES, type Theme } from '../widget/render/themes';
import { ApiError, unavailable } from './errors';

/**
 * Public reads: browsers keep a copy for a minute, the edge for five, and either may serve
 * a stale copy for ten more minutes while it revalidates. Writes purge this colo's edge copies.
 */
export const READ_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400';
/** How long the last good copy is kept for D1 outages. */
const LAST_GOOD_TTL = 7 * 24 * 3600;

export async function strongEtag(...parts: (string | number)[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `"${hex}"`;
}

/** RFC 9110 If-None-Match: a list of entity tags or "*"; weak tags compare weakly. */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/** 304 when the client already holds this representation. */
export function conditional(req: Request, res: Response): Response {
  const etag = res.headers.get('etag');
  if (res.status === 200 && etag && etagMatches(req.headers.get('if-none-match'), etag)) {
    const headers = new Headers();
    for (const h of ['etag', 'cache-control', 'vary', 'content-location', 'last-modified']) {
      const value = res.headers.get(h);
      if (value) headers.set(h, value);
    }
    return new Response(null, { status: 304, headers });
  }
  return res;
}

export function jsonBody(body: string, init: { status?: number; etag?: string; cacheControl?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (init.etag) headers.etag = init.etag;
  headers['cache-control'] = init.cacheControl ?? READ_CACHE_CONTROL;
  return new Response(body, { status: init.status ?? 200, headers });
}

export const json = (value: unknown, init: Parameters<typeof jsonBody>[1] = {}) => jsonBody(JSON.stringify(value), init);

const cacheKey = (url: string) => new Request(url, { method: 'GET' });
const lastGoodKey = (url: string) => {
  const u = new URL(url);
  return cacheKey(`${u.origin}/__last-good${u.pathname}${u.search}`);
};

function edgeCache(): Cache | null {
  return typeof caches !== 'undefined' ? (caches as unknown as { default: Cache }).default : null;
}

/** The cache-key query of an edge page variant: one spelling, so reads and purges agree. */
export const variantQuery = (theme: Theme, lang: Lang) => `?${new URLSearchParams({ lang, theme })}`;

/** Keys of the cached representations that a write to `slug` makes stale. */
export function keysFor(origin: string, slug: string): string[] {
  const variants = ['', ...THEMES.flatMap((theme) => LANGS.map((lang) => variantQuery(theme, lang)))];
  return [
    `${origin}/v1/factboxes/${slug}`,
    `${origin}/v1/factboxes`,
    ...['embed', 'f'].flatMap((p) => variants.map((q) => `${origin}/${p}/${slug}${q}`)),
  ];
}

export async function purge(keys: string[]): Promise<void> {
  const cache = edgeCache();
  if (!cache) return;
  await Promise.all(keys.flatMap((k) => [cache.delete(cacheKey(k)), cache.delete(lastGoodKey(k))]));
}

/**
 * Serve `key` from the edge cache, else build it and keep a copy. When building fails for
 * a reason other than an ApiError (D1 threw or timed out), serve the last good copy, marked
 * stale, or 503 with Retry-After. Requests that carry credentials or a D1 bookmark skip the
 * cache: they want their own write, and authenticated answers are never shared.
 */
export async function readThrough(req: Request, key: string, build: () => Promise<Response>): Promise<Response> {
  const cache = edgeCache();
  const bypass = req.headers.has('authorization') || req.headers.has('x-d1-bookmark');
  if (cache && !bypass) {
    const hit = await cache.match(cacheKey(key));
    if (hit) return conditional(req, hit);
  }
  let res: Response;
  try {
    res = await build();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    console.error('storage failure', String(err));
    const stale = cache ? await cache.match(lastGoodKey(key)) : undefined;
    if (stale) {
      const out = new Response(stale.body, stale);
      out.headers.set('x-factbox-stale', '1');
      out.headers.set('cache-control', 'no-store');
      return conditional(req, out);
    }
    throw unavailable();
  }
  if (cache && res.status === 200 && !bypass) {
    const lastGood = res.clone();
    const keep = new Response(lastGood.body, lastGood);
    keep.headers.set('cache-control', `public, max-age=${LAST_GOOD_TTL}`);
    await Promise.all([cache.put(cacheKey(key), res.clone()), cache.put(lastGoodKey(key), keep)]);
  }
  return conditional(req, res);
}
