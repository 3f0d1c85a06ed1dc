// GET /v1/factboxes/:slug/claims.jsonld: the box's claims as schema.org JSON-LD for the page that
// embeds it (worker/factbox/claims.ts; the document itself is checked with a JSON-LD processor in
// tests/widget/claims-jsonld.test.ts). Here: what it holds, how it is served, cached, purged and refused.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../worker/cache';
import { seedBox } from '../fixtures/seed-box';
import { ALICE, call, create, DEFAULT_SLUG, editable, errorOf, ORIGIN, put } from './helpers';

const path = (slug: string) => `/v1/factboxes/${slug}/claims.jsonld`;
const ld = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
const edge = () => (caches as unknown as { default: Cache }).default;
const auth = { authorization: `Bearer ${ALICE}`, 'content-type': 'application/json' };

describe('GET /v1/factboxes/:slug/claims.jsonld', () => {
  it('is JSON-LD, open to every origin, with a strong ETag and the cache headers of a box read', async () => {
    const res = await call(path(DEFAULT_SLUG), { headers: { origin: 'https://news.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{24}"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=600, stale-if-error=86400');
    expect(res.headers.get('cache-tag')).toBe(`factbox-box-${DEFAULT_SLUG},factbox`);
    const text = await res.text();
    expect(text).not.toContain('<'); // escaped as in the pages' script blocks: it can be pasted into one as it is
    expect(JSON.parse(text)['@context']).toBe('https://schema.org');
  });

  it('holds every figure, estimate holder, view and source of the default box, from its canonical page', async () => {
    const doc = await (await call(path(DEFAULT_SLUG))).json<Record<string, any>>();
    const text = JSON.stringify(doc);
    for (const f of seedBox.figures) expect(text).toContain(JSON.stringify(f.label));
    for (const e of seedBox.figures.flatMap((f) => f.estimates ?? [])) expect(text).toContain(JSON.stringify(e.by));
    for (const v of seedBox.views) {
      expect(text).toContain(JSON.stringify(v.name));
      expect(text).toContain(JSON.stringify(v.summary));
    }
    for (const s of seedBox.sources) expect(text).toContain(JSON.stringify(s.title));
    expect(doc['@id']).toBe(`${ORIGIN}/f/${DEFAULT_SLUG}`);
    expect(doc.publisher.name).toBe('Factbox');
    expect(doc.hasPart.map((c: { about: Record<string, number> }) => c.about.value ?? [c.about.minValue, c.about.maxValue])).toEqual([
      1400,
      [3, 7],
      [12, undefined],
    ]);
    expect(doc.mainEntity.suggestedAnswer.map((a: { author: { name: string } }) => a.author.name)).toEqual(
      seedBox.views.map((v) => v.name),
    );
  });

  it('is the same document as the JSON-LD of /f/ and /embed/', async () => {
    const doc = await (await call(path(DEFAULT_SLUG))).json();
    for (const page of [`/f/${DEFAULT_SLUG}`, `/embed/${DEFAULT_SLUG}`]) expect(ld(await (await call(page)).text()), page).toEqual(doc);
  });

  it("names the configured newsroom as the claims' publisher", async () => {
    const newsroom = { FACTBOX_PUBLISHER_NAME: 'The Daily Example', FACTBOX_PUBLISHER_URL: 'https://daily.example' };
    await create('claims-newsroom');
    const doc = await (await call(path('claims-newsroom'), {}, newsroom)).json<Record<string, any>>();
    expect(doc.publisher).toMatchObject({ name: 'The Daily Example', url: 'https://daily.example' });
  });

  it('answers 304 to its ETag and HEAD without a body', async () => {
    const etag = (await call(path(DEFAULT_SLUG))).headers.get('etag')!;
    const again = await call(path(DEFAULT_SLUG), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await call(path(DEFAULT_SLUG), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');
  });

  it('answers a CORS preflight for reads only', async () => {
    const res = await call(path(DEFAULT_SLUG), {
      method: 'OPTIONS',
      headers: { origin: 'https://news.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).not.toMatch(/PUT|POST|DELETE/);
    const write = await call(path(DEFAULT_SLUG), {
      method: 'OPTIONS',
      headers: { origin: 'https://news.example', 'access-control-request-method': 'POST' },
    });
    expect(write.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('repeats a read from the edge cache without touching D1', async () => {
    await call(path(DEFAULT_SLUG));
    const failing = new Proxy(env.DB, {
      get() {
        throw new Error('D1 must not be touched');
      },
    });
    const res = await call(path(DEFAULT_SLUG), {}, { DB: failing });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-factbox-stale')).toBeNull();
  });

  it('is purged from the edge by every write of its box: an edit, a correction, an archive', async () => {
    const slug = 'claims-purge';
    let etag = await create(slug);
    const key = new Request(cacheKey(ORIGIN, { kind: 'claims', slug }));
    const warm = async () => {
      for (let i = 0; i < 2; i++) expect((await call(path(slug))).status).toBe(200);
      expect(await edge().match(key)).toBeDefined();
    };

    await warm();
    const edited = await put(slug, { ...(await editable()), title: 'A new question?' }, { 'if-match': etag });
    expect(edited.status).toBe(200);
    etag = edited.headers.get('etag')!;
    expect(await edge().match(key)).toBeUndefined();
    expect((await (await call(path(slug))).json<{ name: string }>()).name).toBe('A new question?');

    await warm();
    const corrected = await call(`/v1/factboxes/${slug}/corrections`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text: 'A figure was restated.' }),
    });
    expect(corrected.status).toBe(201);
    etag = corrected.headers.get('etag')!;
    expect(await edge().match(key)).toBeUndefined();
    expect(await (await call(path(slug))).text()).toContain('A figure was restated.');

    await warm();
    expect((await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: { ...auth, 'if-match': etag } })).status).toBe(204);
    expect(await edge().match(key)).toBeUndefined();
    const gone = await call(path(slug));
    expect(gone.status).toBe(410);
    expect(gone.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses like the other box reads: 400 bad slug, 404 unknown box, 410 archived, 405 a write; JSON errors', async () => {
    const bad = await call(path('Not_A_Slug'));
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('bad_slug');
    const missing = await call(path('no-such-box'));
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
    const slug = 'claims-archived';
    const etag = await create(slug);
    expect((await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: { ...auth, 'if-match': etag } })).status).toBe(204);
    const archived = await call(path(slug));
    expect(archived.status).toBe(410);
    expect((await errorOf(archived)).code).toBe('gone');
    const post = await call(path(DEFAULT_SLUG), { method: 'POST', headers: auth, body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    // 451 for a box taken down: tests/worker/hardening.test.ts ("a lawful takedown") reads this URL too.
  });
});
