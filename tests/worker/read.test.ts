import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { validateBox, type FactBox } from '../../worker/factbox/schema';
import { call, DEFAULT_SLUG, errorOf } from './helpers';

describe('GET /healthz', () => {
  it('answers ok without touching storage', async () => {
    const res = await call('/healthz', {}, { DB: undefined as unknown as D1Database });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('GET /v1/factboxes/:slug', () => {
  it('serves the default box with CORS, a strong ETag and cache headers', async () => {
    const res = await call(`/v1/factboxes/${DEFAULT_SLUG}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{24}"$/);
    const cc = res.headers.get('cache-control')!;
    expect(cc).toMatch(/max-age=\d+/);
    // No s-maxage (it would turn off the edge's stale-while-revalidate): the edge has its own TTL.
    expect(cc).not.toMatch(/s-maxage/);
    expect(res.headers.get('cdn-cache-control')).toMatch(/max-age=\d+, stale-while-revalidate=\d+, stale-if-error=\d+/);
    expect(res.headers.get('cache-tag')).toBe('factbox-box-north-korea-defections,factbox');
    expect(cc).toMatch(/stale-while-revalidate=\d+/);
    const box = (await res.json()) as FactBox;
    expect(box.slug).toBe(DEFAULT_SLUG);
    expect(box.title).toBe('What does a defection mean?');
    expect(box.revision).toBeGreaterThanOrEqual(1);
  });

  it('answers 304 to a matching If-None-Match, 200 to a stale one', async () => {
    const first = await call(`/v1/factboxes/${DEFAULT_SLUG}`);
    const etag = first.headers.get('etag')!;
    const again = await call(`/v1/factboxes/${DEFAULT_SLUG}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const listed = await call(`/v1/factboxes/${DEFAULT_SLUG}`, { headers: { 'if-none-match': `"nope", ${etag}` } });
    expect(listed.status).toBe(304);
    const stale = await call(`/v1/factboxes/${DEFAULT_SLUG}`, { headers: { 'if-none-match': '"0000"' } });
    expect(stale.status).toBe(200);
  });

  it('answers HEAD with headers and no body', async () => {
    const res = await call(`/v1/factboxes/${DEFAULT_SLUG}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(await res.text()).toBe('');
  });

  it('answers a CORS preflight for reads, and grants no write method', async () => {
    const res = await call(`/v1/factboxes/${DEFAULT_SLUG}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://news.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const methods = res.headers.get('access-control-allow-methods')!;
    expect(methods).toContain('GET');
    expect(methods).not.toMatch(/PUT|POST|DELETE/);
  });

  it('repeats a read from the edge cache without touching D1', async () => {
    await call(`/v1/factboxes/${DEFAULT_SLUG}`);
    const failing = new Proxy(env.DB, {
      get() {
        throw new Error('D1 must not be touched');
      },
    });
    const res = await call(`/v1/factboxes/${DEFAULT_SLUG}`, {}, { DB: failing });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-factbox-stale')).toBeNull();
  });

  it('gives JSON errors: 400 malformed slug, 404 unknown slug and route, 405 wrong method', async () => {
    const bad = await call('/v1/factboxes/Not_A_Slug');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('bad_slug');
    const missing = await call('/v1/factboxes/no-such-box');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
    const route = await call('/nowhere');
    expect(route.status).toBe(404);
    expect((await errorOf(route)).code).toBe('not_found');
    const method = await call('/v1/factboxes', { method: 'PATCH' });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toContain('GET');
    expect((await errorOf(method)).code).toBe('method_not_allowed');
  });
});

describe('the default box', () => {
  it('is valid, every sourceId resolves and every figure has an as-of date', async () => {
    const box = await (await call(`/v1/factboxes/${DEFAULT_SLUG}`)).json();
    const result = validateBox(box);
    expect(result.ok ? [] : result.problems).toEqual([]);
    const b = box as FactBox;
    const ids = new Set(b.sources.map((s) => s.id));
    for (const f of b.figures) {
      expect(f.asOf).toMatch(/^\d{4}(-\d{2}){0,2}$/);
      for (const id of f.sourceIds) expect(ids.has(id)).toBe(true);
      for (const e of f.estimates ?? []) expect(ids.has(e.sourceId)).toBe(true);
    }
    for (const v of b.views) for (const id of v.sourceIds) expect(ids.has(id)).toBe(true);
  });

  it('carries the story: 1,400 a year, the contested 3 to 7, four analysts, the correction', async () => {
    const b = (await (await call(`/v1/factboxes/${DEFAULT_SLUG}`)).json()) as FactBox;
    expect(b.figures.find((f) => f.value === 1400)?.asOf).toBe('2016-08');
    const contested = b.figures.find((f) => f.range);
    expect(contested?.range).toEqual({ low: 3, high: 7 });
    expect(contested?.estimates?.map((e) => e.value).sort()).toEqual([3, 7]);
    expect(b.views.map((v) => v.name)).toEqual(['Jeong Joon-hee', 'Stephan Haggard', 'Yang Moojin', 'Michael Madden']);
    expect(b.corrections[0]?.text).toMatch(/2011, not 2012/);
    // No invented URL: the source's URL is not known.
    expect(b.sources.every((s) => s.url === undefined)).toBe(true);
  });
});

describe('GET /v1/factboxes', () => {
  it('lists boxes with slug, title, revision and updatedAt', async () => {
    const res = await call('/v1/factboxes');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { items: { slug: string; title: string; revision: number; updatedAt: string }[] };
    const item = body.items.find((i) => i.slug === DEFAULT_SLUG);
    expect(item).toMatchObject({ title: 'What does a defection mean?' });
    expect(item!.revision).toBeGreaterThanOrEqual(1);
    expect(Date.parse(item!.updatedAt)).not.toBeNaN();
  });

  it('refuses a bad limit or cursor with 400', async () => {
    for (const q of ['limit=0', 'limit=201', 'limit=abc', 'cursor=%%%']) {
      const res = await call(`/v1/factboxes?${q}`);
      expect(res.status, q).toBe(400);
      await errorOf(res);
    }
  });
});

describe('GET /v1/schema.json', () => {
  it('is the JSON Schema of a FactBox, generated from the schema module', async () => {
    const res = await call('/v1/schema.json');
    expect(res.status).toBe(200);
    const schema = (await res.json()) as { $schema: string; type: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.$schema).toContain('2020-12');
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['slug', 'title', 'figures', 'views', 'sources', 'corrections', 'revision']));
    expect(Object.keys(schema.properties)).toContain('watch');
  });
});

describe('GET /openapi.json', () => {
  it('is served, generated from the route table', async () => {
    const res = await call('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe('https://factbox.test');
    expect(Object.keys(doc.paths)).toContain('/v1/factboxes/{slug}/corrections');
  });
});
