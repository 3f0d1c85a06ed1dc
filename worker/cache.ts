// The edge cache, in one place: how long each kind of response may be kept (Cache-Control), the
// tags and key of every cached representation, the read-through, and the purge of everything a
// write makes stale. Readers and purges build keys and tags with the same functions, so they
// cannot disagree.
//
// One switch, FACTBOX_EDGE_CACHE (wrangler.toml [vars]), says which cache is in front:
// - "workers-cache": Cloudflare's Workers Caching ([cache] enabled = true in wrangler.toml) serves
//   hits without running the Worker, collapses concurrent misses, and a write purges its box's
//   tags everywhere at once (ctx.cache.purge). The Worker then keeps no copy of its own, so
//   nothing the global purge cannot reach outlives a write; stale-if-error at the edge stands in
//   for the last-good copy.
// - "cache-api" (the default, and all that `wrangler dev` can run): the Worker reads through the
//   Cache API of its location, keeps a last-good copy for D1 outages, and a write purges this
//   location's copies; other locations expire within the edge TTL.
import type { Context } from 'hono';
import { ALL_OPTIONS, LANGS, type Lang, type Options } from '../widget/render/options';
import type { AppEnv } from './env';
import { EMBED_HASH } from './generated/embed';
import { ApiError, unavailable } from './errors';
import { pinQuery } from './params';
import { publisherOf } from './publisher';

/** Cache-Control of every kind of response the worker sends. */
export const CACHE_CONTROL = {
  /**
   * A box and its pages: browsers keep a copy for a minute and may use a stale one for ten more
   * while they revalidate. No s-maxage: it would turn off stale-while-revalidate and
   * stale-if-error at the edge (Workers Caching); CDN_CACHE_CONTROL gives the edge its own TTL.
   */
  read: 'public, max-age=60, stale-while-revalidate=600, stale-if-error=86400',
  /** Share images: costly to draw, so kept five minutes; a write purges them at the edge. */
  card: 'public, max-age=300, s-maxage=300',
  /** The embed builder: browsers revalidate it (ETag), the edge keeps it a minute or until a write. */
  builder: 'public, max-age=0, s-maxage=60',
  /** List pages change with every write to any box. */
  list: 'public, max-age=30, s-maxage=30',
  /**
   * A revision, or a build whose URL names its hash: never changes. The stored revision
   * (/v1/factboxes/:slug/revisions/:n, its card, its changes) is exactly the bytes written, so it
   * is immutable. A read pinned to that revision (?revision=n on the box, /embed/, /f/) is not:
   * it shows every correction added since, and the latest revision number, so a later write
   * changes it. Pinned reads are `read` (the box's own freshness), carry the box's tag and are
   * purged with it on every write.
   */
  immutable: 'public, max-age=31536000, immutable',
  /** embed.js, its labels and the builder script: re-checked often so a fix reaches every page within minutes. */
  asset: 'public, max-age=300, s-maxage=300, stale-while-revalidate=86400',
  /** Documents that change only with a deploy: the JSON Schema, OpenAPI. */
  document: 'public, max-age=3600',
  /** The history of a box: it changes with every write. */
  history: 'public, max-age=10',
  oembed: 'public, max-age=300, s-maxage=300',
  /** Errors, writes, health, authenticated answers. */
  none: 'no-store',
} as const;

/** The edge's own freshness for everything tagged (cdn-cache-control): five minutes, then stale
 * for ten while revalidating, and a day if the Worker fails; a write purges it at once. */
export const CDN_CACHE_CONTROL = 'max-age=300, stale-while-revalidate=600, stale-if-error=86400';

export type EdgeCache = 'workers-cache' | 'cache-api';
export const edgeCacheMode = (env: Env): EdgeCache => (env.FACTBOX_EDGE_CACHE === 'workers-cache' ? 'workers-cache' : 'cache-api');

/** Purge tags: every representation of a box carries its box's tag; lists carry the list tag. */
export const TAGS = { box: (slug: string) => `factbox-box-${slug}`, list: 'factbox-list', all: 'factbox' } as const;
export const tagsOf = (rep: Cached): string[] =>
  rep.kind === 'list' || rep.kind === 'builder' ? [TAGS.list, TAGS.all] : [...slugsOf(rep).map(TAGS.box), TAGS.all];
/**
 * Tags a response that is not read through the cache (revisions, their changes, the history) so
 * that a write's or a takedown's purge by tag reaches every edge copy of it too.
 */
export function tagBox(res: Response, slug: string): Response {
  res.headers.set('cache-tag', tagsOf({ kind: 'box', slug }).join(','));
  return res;
}

/** What a write to `slug` purges: the box's representations and every list that shows it. */
export const purgeTags = (slug: string) => [TAGS.box(slug), TAGS.list];

/** How long the last good copy is kept for D1 outages. */
const LAST_GOOD_TTL = 15 * 60;
/**
 * Bookkeeping (the list epoch, purge markers) must outlive every copy it judges. The last-good
 * copy is kept only a quarter of an hour: a location that never saw a takedown's purge (the Cache
 * API is per location) can serve a removed box from it for no longer than that.
 */
const BOOKKEEPING_TTL = 7 * 24 * 3600;

/** The HTML pages of a box, and their paths. */
export type Page = 'embed' | 'f' | 'report';
const PAGE_PATH: Record<Page, (slug: string) => string> = {
  embed: (s) => `/embed/${s}`,
  f: (s) => `/f/${s}`,
  report: (s) => `/f/${s}/report`,
};

/** Every representation the worker keeps at the edge. */
export type Cached =
  /** `revision`: pinned to it (?revision=), one copy per box and revision. */
  | { kind: 'box'; slug: string; revision?: number }
  /** Several boxes in one answer (GET /v1/factboxes?slugs=): stale when any of them changes. */
  | { kind: 'batch'; slugs: string[] }
  /** The per-box script /embed/:slug.js, with the labels of one language; pinned to `revision` if given. */
  | { kind: 'script'; slug: string; lang: Lang; revision?: number }
  /** The box's claims as JSON-LD, for host pages (worker/factbox/claims.ts). */
  | { kind: 'claims'; slug: string; revision?: number }
  | { kind: 'list'; limit: number; after: string | null }
  | { kind: 'page'; page: Page; slug: string; options: Options; revision?: number }
  | { kind: 'card'; slug: string; revision: number | null; variant: 'wide' | 'tall'; newsroom: string }
  /** The embed builder lists every box: it goes by the list's epoch, like list pages. */
  | { kind: 'builder'; query: URLSearchParams };

/** The pairs of a query (forEach: the worker's types have no iterable URLSearchParams). */
export function pairs(q: URLSearchParams): [string, string][] {
  const out: [string, string][] = [];
  q.forEach((value, key) => {
    out.push([key, value]);
  });
  return out;
}

const pageQuery = (o: Options, revision?: number) =>
  `?${new URLSearchParams({ lang: o.lang, layout: o.layout, theme: o.theme, ...(revision ? { revision: String(revision) } : {}) })}`;

/**
 * The cache key of a representation. List pages carry the list's current epoch: a write starts
 * a new epoch, so every list page (whatever its limit and cursor) is stale at once.
 */
export function cacheKey(origin: string, rep: Cached, listEpoch = ''): string {
  switch (rep.kind) {
    case 'box':
      return `${origin}/v1/factboxes/${rep.slug}${pinQuery(rep.revision)}`;
    case 'batch':
      return `${origin}/v1/factboxes?${new URLSearchParams({ slugs: rep.slugs.join(',') })}`;
    case 'script':
      // The build is in the key: after a deploy no copy carries the old embed.js.
      return `${origin}/embed/${rep.slug}.js?${new URLSearchParams({ lang: rep.lang, build: EMBED_HASH, revision: String(rep.revision ?? '') })}`;
    case 'claims':
      return `${origin}/v1/factboxes/${rep.slug}/claims.jsonld${pinQuery(rep.revision)}`;
    case 'list':
      return `${origin}/v1/factboxes?${new URLSearchParams({ limit: String(rep.limit), after: rep.after ?? '', epoch: listEpoch })}`;
    case 'page':
      return `${origin}${PAGE_PATH[rep.page](rep.slug)}${pageQuery(rep.options, rep.revision)}`;
    case 'builder':
      return `${origin}/?${new URLSearchParams([...pairs(rep.query).sort(([a], [b]) => a.localeCompare(b)), ['epoch', listEpoch]])}`;
    case 'card':
      return `${origin}/f/${rep.slug}/${rep.revision ? `revisions/${rep.revision}/` : ''}card${rep.variant === 'tall' ? '-tall' : ''}.png?${new URLSearchParams({ newsroom: rep.newsroom })}`;
  }
}

/**
 * The keys a write to `slug` makes stale (the list pages go by their epoch). Copies pinned to a
 * revision (one per revision and page variant: too many to list) are refused by the purge marker
 * instead, like cards under other newsroom names (see readThrough).
 */
export function keysFor(origin: string, slug: string, newsroom: string): string[] {
  return [
    cacheKey(origin, { kind: 'box', slug }),
    cacheKey(origin, { kind: 'claims', slug }),
    ...LANGS.map((lang) => cacheKey(origin, { kind: 'script', slug, lang })),
    // Batches that hold this box are refused by the purge marker (see readThrough).
    ...(Object.keys(PAGE_PATH) as Page[]).flatMap((page) =>
      ALL_OPTIONS.map((options) => cacheKey(origin, { kind: 'page', page, slug, options })),
    ),
    // Cards under other ?newsroom= names are refused by the purge marker (see readThrough).
    ...(['wide', 'tall'] as const).map((variant) => cacheKey(origin, { kind: 'card', slug, revision: null, variant, newsroom })),
  ];
}

const request = (key: string) => new Request(key, { method: 'GET' });
const lastGood = (key: string) => {
  const u = new URL(key);
  return request(`${u.origin}/__last-good${u.pathname}${u.search}`);
};

/**
 * Bookkeeping entries (the list epoch, the time a box was last purged) live under one internal
 * origin, whatever host name a request came through: a write through one host name of the Worker
 * makes the copies kept for every other host name stale too.
 */
const INTERNAL = 'https://factbox-cache.internal';
const epochKey = () => request(`${INTERNAL}/list-epoch`);
const purgedKey = (slug: string) => request(`${INTERNAL}/purged/${slug}`);
/** When a cached copy was built: the time its read started, before it asked D1. */
const BUILT_AT = 'x-factbox-built-at';

function edgeCache(): Cache | null {
  // Preact's JSX types pull in lib.dom, whose CacheStorage (no .default) shadows the Workers one.
  return typeof caches !== 'undefined' ? (caches as unknown as { default: Cache }).default : null;
}

async function listEpoch(cache: Cache): Promise<string> {
  const hit = await cache.match(epochKey());
  if (hit) return hit.text();
  // Evicted or never set: a new epoch only ever hides older pages, never serves one.
  return newEpoch(cache);
}

async function newEpoch(cache: Cache): Promise<string> {
  const epoch = `${Date.now().toString(36)}.${crypto.randomUUID().slice(0, 8)}`;
  await cache.put(epochKey(), new Response(epoch, { headers: { 'cache-control': `public, max-age=${BOOKKEEPING_TTL}` } }));
  return epoch;
}

/** The time `slug` was last purged here, or 0. */
async function purgedAt(cache: Cache, slug: string): Promise<number> {
  const hit = await cache.match(purgedKey(slug));
  return hit ? Number(await hit.text()) || 0 : 0;
}

/** A copy is good only if its read started after the last purge of its box. */
const fresh = (copy: Response, purged: number) => Number(copy.headers.get(BUILT_AT)) > purged;

/**
 * Purges everything a write to `slug` changes, list pages included. With Workers Caching, its
 * tags everywhere at once (a failed purge is logged, never fails the write: the copies then expire
 * within the edge TTL); with the Cache API, this location: this host's copies are deleted, and
 * every copy (any host name, a read still in flight, the last-good copies) that was built before
 * now is refused from now on.
 */
export async function purgeBox(c: Context<AppEnv>, slug: string): Promise<void> {
  await purgeNow(c, slug);
  // With read replication, a read on a replica that has not seen this write yet could cache the
  // old box again just after the purge: purge once more when replicas have caught up.
  const after = Number(c.env.FACTBOX_REPURGE_MS ?? 5000);
  if (!(after > 0)) return;
  try {
    c.executionCtx.waitUntil(new Promise((r) => setTimeout(r, after)).then(() => purgeNow(c, slug)));
  } catch {
    // no execution context (the app called directly): the first purge is all there is
  }
}

async function purgeNow(c: Context<AppEnv>, slug: string): Promise<void> {
  if (edgeCacheMode(c.env) === 'workers-cache') return purgeTagged(c, purgeTags(slug));
  const cache = edgeCache();
  if (!cache) return;
  const marker = new Response(String(Date.now()), { headers: { 'cache-control': `public, max-age=${BOOKKEEPING_TTL}` } });
  await cache.put(purgedKey(slug), marker);
  const origin = new URL(c.req.url).origin;
  const newsroom = publisherOf(c.env, origin).name;
  await Promise.all([
    ...keysFor(origin, slug, newsroom).flatMap((k) => [cache.delete(request(k)), cache.delete(lastGood(k))]),
    newEpoch(cache),
  ]);
}

/** ctx.cache.purge, feature-detected: undefined where Workers Caching is not running (wrangler dev). */
async function purgeTagged(c: Context<AppEnv>, tags: string[]): Promise<void> {
  // hono types executionCtx without the runtime's `cache`; the runtime's own type has it.
  let ctx: { cache?: CacheContext } | undefined;
  try {
    ctx = c.executionCtx as unknown as { cache?: CacheContext };
  } catch {
    ctx = undefined; // no execution context: nothing to purge
  }
  const purge = ctx?.cache?.purge?.bind(ctx.cache);
  if (!purge) {
    console.error('cache purge unavailable: FACTBOX_EDGE_CACHE is workers-cache but ctx.cache.purge is missing', JSON.stringify({ tags }));
    return;
  }
  try {
    const result = await purge({ tags });
    if (!result.success) console.error('cache purge failed', JSON.stringify({ tags, errors: result.errors }));
  } catch (err) {
    console.error('cache purge failed', JSON.stringify({ tags, error: String(err) }));
  }
}

/** A response whose headers the middleware may still change (cached ones are immutable). */
const mutable = (res: Response) => {
  const out = new Response(res.body, res);
  out.headers.delete(BUILT_AT);
  return out;
};

/** The boxes a representation shows (none for lists and the builder, which go by the list epoch). */
function slugsOf(rep: Cached): string[] {
  if (rep.kind === 'list' || rep.kind === 'builder') return [];
  return rep.kind === 'batch' ? rep.slugs : [rep.slug];
}

/** The latest purge of any of `slugs` here, or 0. */
const lastPurge = async (cache: Cache, slugs: string[]) => Math.max(0, ...(await Promise.all(slugs.map((s) => purgedAt(cache, s)))));

/**
 * Serve `rep` from the edge cache, else build it and keep a copy. When building fails for a
 * reason other than an ApiError (D1 threw or timed out), serve the last good copy, marked
 * stale, or 503 with Retry-After. `c.var.fresh` requests (a valid token, a bookmark this API issued)
 * skip the cache: they want their own write, and their answers are never stored.
 */
export async function readThrough(c: Context<AppEnv>, rep: Cached, build: () => Promise<Response>): Promise<Response> {
  const res = await cached(c, rep, build);
  // Every cacheable answer says which box it shows (purge by tag), how long the edge may keep it,
  // and that a read with a bookmark is not the same request (it wants its own write).
  if (res.status === 200 && !res.headers.get('cache-control')?.includes('no-store')) {
    res.headers.set('cache-tag', tagsOf(rep).join(','));
    if (!res.headers.get('cache-control')?.includes('immutable')) res.headers.set('cdn-cache-control', CDN_CACHE_CONTROL);
    res.headers.append('vary', 'X-D1-Bookmark');
  }
  return res;
}

async function cached(c: Context<AppEnv>, rep: Cached, build: () => Promise<Response>): Promise<Response> {
  // With Workers Caching in front, the Worker keeps no copy the global purge could not reach.
  if (edgeCacheMode(c.env) === 'workers-cache') return build();
  const req = c.req.raw;
  const started = Date.now();
  const cache = edgeCache();
  // Only a valid token or a bookmark this API issued (c.var.fresh) may skip the cache: an
  // invented one must not send a client's every request to D1.
  const bypass = c.var.fresh;
  const origin = new URL(req.url).origin;
  const slugs = slugsOf(rep);
  const key = cache ? cacheKey(origin, rep, rep.kind === 'list' || rep.kind === 'builder' ? await listEpoch(cache) : '') : '';
  const purged = cache ? await lastPurge(cache, slugs) : 0;
  if (cache && !bypass) {
    const hit = await cache.match(request(key));
    if (hit && fresh(hit, purged)) return mutable(hit);
  }
  let res: Response;
  try {
    res = await build();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    console.error('storage failure', String(err));
    const stale = cache ? await cache.match(lastGood(key)) : undefined;
    // A copy from before the box was last changed (or archived) is never served, even in an outage.
    if (!stale || !fresh(stale, purged)) throw unavailable();
    const out = mutable(stale);
    out.headers.set('x-factbox-stale', '1');
    out.headers.set('cache-control', CACHE_CONTROL.none);
    return out;
  }
  if (cache && res.status === 200 && !bypass) {
    // A write may have purged the box while this read was building: then keep nothing.
    if ((await lastPurge(cache, slugs)) >= started) return res;
    const copy = mutable(res.clone());
    copy.headers.set(BUILT_AT, String(started));
    const keep = mutable(res.clone());
    keep.headers.set(BUILT_AT, String(started));
    keep.headers.set('cache-control', `public, max-age=${LAST_GOOD_TTL}`);
    await Promise.all([cache.put(request(key), copy), cache.put(lastGood(key), keep)]);
  }
  return res;
}
