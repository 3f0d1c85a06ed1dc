// Workers Caching (FACTBOX_EDGE_CACHE = "workers-cache"): every cacheable response carries its
// box's tags and the edge's own freshness, and every kind of write purges exactly its box's tags.
// workerd here has no ctx.cache (Miniflare does not run Workers Caching), so the purge is
// recorded by a stand-in for ctx.cache: the one stand-in in these tests, for what the runtime lacks.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { ALICE, call, create, DEFAULT_SLUG, editable, ORIGIN } from './helpers';

const ON = { FACTBOX_EDGE_CACHE: 'workers-cache' };
const ROOT = 'root-token-0123456789abcdef';
const TOKENS = { FACTBOX_TOKENS: `alice:${ALICE},root:${ROOT}:admin` };

/** Calls the worker with Workers Caching on and a ctx.cache that records every purge. */
async function withPurges(
  path: string,
  init: RequestInit = {},
  result = { success: true, errors: [] as { code: number; message: string }[] },
  bindings: Record<string, string> = {},
) {
  const purges: { tags?: string[] }[] = [];
  const ctx = createExecutionContext();
  const recording = new Proxy(ctx, {
    get(target, prop) {
      if (prop === 'cache')
        return {
          purge: async (o: { tags?: string[] }) => {
            purges.push(o);
            return result;
          },
          invalidate: async () => result,
        };
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const res = await worker.fetch(new Request(ORIGIN + path, init), { ...env, ...ON, ...TOKENS, ...bindings }, recording);
  await waitOnExecutionContext(ctx);
  return { res, purges };
}

const json = (token: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  ...extra,
});

describe('tags and edge freshness on every cacheable response', () => {
  it('names the box (or the list) in Cache-Tag and gives the edge a TTL that keeps stale-while-revalidate and stale-if-error', async () => {
    const box = ['factbox-box-north-korea-defections', 'factbox'];
    for (const [path, tags] of [
      [`/v1/factboxes/${DEFAULT_SLUG}`, box],
      [`/v1/factboxes/${DEFAULT_SLUG}/claims.jsonld`, box],
      [`/embed/${DEFAULT_SLUG}`, box],
      [`/f/${DEFAULT_SLUG}?theme=dark`, box],
      // Pinned reads change with a later correction: tagged and given the edge TTL, not immutable.
      [`/v1/factboxes/${DEFAULT_SLUG}?revision=1`, box],
      [`/embed/${DEFAULT_SLUG}?revision=1`, box],
      [`/f/${DEFAULT_SLUG}/report`, box],
      [`/f/${DEFAULT_SLUG}/card.png`, box],
      [`/oembed?url=${encodeURIComponent(`https://factbox.test/f/${DEFAULT_SLUG}`)}`, box],
      [`/v1/factboxes/${DEFAULT_SLUG}/revisions`, box],
      [`/v1/factboxes/${DEFAULT_SLUG}/revisions/1`, box],
      [`/v1/factboxes/${DEFAULT_SLUG}/revisions/1/changes`, box],
      [`/f/${DEFAULT_SLUG}/history`, box],
      ['/v1/factboxes', ['factbox-list', 'factbox']],
      ['/', ['factbox-list', 'factbox']],
    ] as const) {
      const res = await call(path, {}, ON);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-tag'), path).toBe(tags.join(','));
      // Histories and revisions are not read through the Worker's cache: only their tag matters.
      if (/\/revisions|\/history/.test(path)) continue;
      expect(res.headers.get('cdn-cache-control'), path).toMatch(/^max-age=300, stale-while-revalidate=600, stale-if-error=86400$/);
      expect(res.headers.get('vary'), path).toContain('X-D1-Bookmark');
    }
    // A revision never changes: immutable, with no edge TTL of its own to shorten it.
    const pinned = await call(`/f/${DEFAULT_SLUG}/revisions/1/card.png`, {}, ON);
    expect(pinned.headers.get('cdn-cache-control')).toBeNull();
    // It draws a share card, which takes seconds on a loaded machine (as in card.test.ts).
  }, 30_000);

  it('keeps no copy in the Worker: a second read reaches D1 again', async () => {
    await call(`/v1/factboxes/${DEFAULT_SLUG}`, {}, ON);
    const failing = new Proxy(env.DB, {
      get() {
        throw new Error('D1 touched');
      },
    });
    const res = await call(`/v1/factboxes/${DEFAULT_SLUG}`, {}, { ...ON, DB: failing });
    expect(res.status).toBe(503); // no Worker-side copy: the edge's stale-if-error answers instead
  });
});

describe("every kind of write purges exactly its box's tags", () => {
  it('update, correction, archive, restore, takedown and its lifting', async () => {
    const slug = 'tagged-writes';
    const tags = [`factbox-box-${slug}`, 'factbox-list'];
    let etag = await create(slug);
    const steps: [string, RequestInit][] = [
      [
        'update',
        { method: 'PUT', headers: json(ALICE, { 'if-match': etag }), body: JSON.stringify({ ...(await editable()), title: 'Tagged' }) },
      ],
      ['correction', { method: 'POST', headers: json(ALICE), body: JSON.stringify({ text: 'A tagged correction.' }) }],
    ];
    for (const [what, init] of steps) {
      const path = what === 'correction' ? `/v1/factboxes/${slug}/corrections` : `/v1/factboxes/${slug}`;
      const { res, purges } = await withPurges(path, init);
      expect(res.status, what).toBeLessThan(300);
      expect(purges, what).toEqual([{ tags }]);
      etag = res.headers.get('etag')!;
    }
    const archive = await withPurges(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: json(ALICE, { 'if-match': etag }) });
    expect(archive.res.status).toBe(204);
    expect(archive.purges).toEqual([{ tags }]);
    const current = (await (await call(`/v1/factboxes/${slug}/revisions/3`)).json()) as Record<string, unknown>;
    const restore = await withPurges(`/v1/factboxes/${slug}`, {
      method: 'PUT',
      headers: json(ALICE, { 'if-none-match': '*' }),
      body: JSON.stringify(Object.fromEntries(Object.entries(current).filter(([k]) => !['slug', 'revision', 'updatedAt'].includes(k)))),
    });
    expect(restore.res.status).toBe(201);
    expect(restore.purges).toEqual([{ tags }]);
    const down = await withPurges(`/v1/factboxes/${slug}/takedown`, {
      method: 'POST',
      headers: json(ROOT),
      body: JSON.stringify({ reason: 'safety', note: 'Removed for safety.' }),
    });
    expect(down.res.status).toBe(201);
    expect(down.purges).toEqual([{ tags }]);
    const lift = await withPurges(`/v1/factboxes/${slug}/takedown`, { method: 'DELETE', headers: json(ROOT) });
    expect(lift.res.status).toBe(204);
    expect(lift.purges).toEqual([{ tags }]);
  });

  it('purges a second time a little later, for read replicas that had not seen the write', async () => {
    const etag = await create('purged-twice');
    const { res, purges } = await withPurges(
      '/v1/factboxes/purged-twice',
      { method: 'PUT', headers: json(ALICE, { 'if-match': etag }), body: JSON.stringify({ ...(await editable()), title: 'Twice' }) },
      undefined,
      { FACTBOX_REPURGE_MS: '20' },
    );
    expect(res.status).toBe(200);
    expect(purges).toEqual([
      { tags: ['factbox-box-purged-twice', 'factbox-list'] },
      { tags: ['factbox-box-purged-twice', 'factbox-list'] },
    ]);
  });

  it('logs a failed purge and still answers the write', async () => {
    const etag = await create('purge-fails');
    const errors: string[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    try {
      const { res, purges } = await withPurges(
        '/v1/factboxes/purge-fails',
        {
          method: 'PUT',
          headers: json(ALICE, { 'if-match': etag }),
          body: JSON.stringify({ ...(await editable()), title: 'Still written' }),
        },
        { success: false, errors: [{ code: 1234, message: 'purge rate limited' }] },
      );
      expect(res.status).toBe(200);
      expect(purges).toHaveLength(1);
    } finally {
      console.error = original;
    }
    expect(errors.some((e) => e.includes('cache purge failed') && e.includes('purge rate limited'))).toBe(true);
  });
});
