// One request to a painted box (issue 14): the per-box script /embed/:slug.js carries embed.js
// with the box, its stylesheet and labels inside; many boxes come in one batched read
// (GET /v1/factboxes?slugs=). Both are cached at the edge and follow every write.
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../widget/render/i18n/all';
import { SHADOW_CSS } from '../../widget/render/styles';
import { BATCH_MAX } from '../../worker/factbox/cursor';
import { CSS_VERSION, EMBED_JS, MORE_FILE, MORE_JS } from '../../worker/generated/embed';
import { ALICE, call, create, DEFAULT_SLUG, editable, errorOf, put } from './helpers';

/** What the per-box script hands embed.js, read the way the browser would: by running its first statement. */
function preloadOf(script: string): Record<string, string> {
  const [first, rest] = [script.slice(0, script.indexOf('\n')), script.slice(script.indexOf('\n') + 1)];
  expect(rest).toBe(EMBED_JS);
  const self: { FactboxPreload?: Record<string, string> } = {};
  new Function('self', first)(self);
  return self.FactboxPreload!;
}

describe('the per-box script /embed/:slug.js', () => {
  it('is embed.js preceded by the answers to the box, stylesheet and label requests it would make', async () => {
    const res = await call(`/embed/${DEFAULT_SLUG}.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const preload = preloadOf(await res.text());
    const box = await (await call(`/v1/factboxes/${DEFAULT_SLUG}`)).text();
    expect(preload).toEqual({
      [`/v1/factboxes/${DEFAULT_SLUG}`]: box,
      [`/embed.css?v=${CSS_VERSION}`]: SHADOW_CSS,
      '/i18n/en.json': JSON.stringify(labelsFor('en')),
    });
  });

  it('carries the labels of ?lang=, and refuses a language or slug it does not have', async () => {
    const preload = preloadOf(await (await call(`/embed/${DEFAULT_SLUG}.js?lang=ko`)).text());
    expect(JSON.parse(preload['/i18n/ko.json']!)).toEqual(labelsFor('ko'));
    expect(preload['/i18n/en.json']).toBeUndefined();

    const lang = await call(`/embed/${DEFAULT_SLUG}.js?lang=xx`);
    expect(lang.status).toBe(400);
    expect((await errorOf(lang)).code).toBe('bad_request');
    const missing = await call('/embed/no-such-box.js');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
    expect((await call('/embed/-bad-.js')).status).toBe(400);
  });

  it('answers 304 to its ETag, and a new ETag after a write', async () => {
    const slug = 'script-etag';
    const etag = await create(slug);
    const first = await call(`/embed/${slug}.js`);
    const tag = first.headers.get('etag')!;
    expect((await call(`/embed/${slug}.js`, { headers: { 'if-none-match': tag } })).status).toBe(304);
    expect((await put(slug, { ...(await editable()), title: 'Changed' }, { 'if-match': etag })).status).toBe(200);
    const after = await call(`/embed/${slug}.js`, { headers: { 'if-none-match': tag } });
    expect(after.status).toBe(200);
    expect(preloadOf(await after.text())[`/v1/factboxes/${slug}`]).toContain('"title":"Changed"');
  });
});

describe('the batched read GET /v1/factboxes?slugs=', () => {
  it('gives each box with the ETag its own URL gives, in the order asked, and each refusal on its own', async () => {
    await create('batch-a');
    const etag = await create('batch-b');
    expect(
      (await call('/v1/factboxes/batch-b', { method: 'DELETE', headers: { authorization: `Bearer ${ALICE}`, 'if-match': etag } })).status,
    ).toBe(204);
    const res = await call('/v1/factboxes?slugs=batch-a,no-such-box,batch-b,batch-a');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const { items } = (await res.json()) as { items: { slug: string; etag?: string; box?: { slug: string }; error?: { code: string } }[] };
    expect(items.map((i) => i.slug)).toEqual(['batch-a', 'no-such-box', 'batch-b']);
    const one = await call('/v1/factboxes/batch-a');
    expect(items[0]!.etag).toBe(one.headers.get('etag'));
    expect(items[0]!.box).toEqual(await one.json());
    expect(items[1]!.error!.code).toBe('not_found');
    expect(items[2]!.error!.code).toBe('gone');
  });

  it(`refuses more than ${BATCH_MAX} boxes, a bad slug, and slugs mixed with paging`, async () => {
    const many = Array.from({ length: BATCH_MAX + 1 }, (_, i) => `box-${i}`).join(',');
    for (const q of [`slugs=${many}`, 'slugs=ok,Not_A_Slug', 'slugs=', `slugs=${DEFAULT_SLUG}&limit=5`]) {
      const res = await call(`/v1/factboxes?${q}`);
      expect(res.status, q).toBe(400);
      await errorOf(res);
    }
  });

  it('follows a write to any of its boxes at once (edge cache purged)', async () => {
    const etag = await create('batch-c', { title: 'Before' });
    const url = `/v1/factboxes?slugs=${DEFAULT_SLUG},batch-c`;
    for (let i = 0; i < 2; i++) expect(await (await call(url)).text()).toContain('"title":"Before"');
    expect((await put('batch-c', { ...(await editable()), title: 'After' }, { 'if-match': etag })).status).toBe(200);
    const text = await (await call(url)).text();
    expect(text).toContain('"title":"After"');
    expect(text).not.toContain('"title":"Before"');
  });
});

describe('more.<hash>.js, what embed.js imports only when a page needs it', () => {
  it('is an ES module of the current build, immutable and CORS-open (import() from a host page is a CORS request)', async () => {
    const res = await call(`/${MORE_FILE}`, { headers: { origin: 'https://news.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toBe(MORE_JS);
    expect(MORE_JS).toMatch(/export\s*\{/);
    expect(EMBED_JS).toContain(MORE_FILE);
  });

  it("answers an older build's name (an embed.js cached before a deploy) with the current build, briefly cached", async () => {
    const res = await call('/more.0123456789.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(MORE_JS);
    expect(res.headers.get('cache-control')).not.toContain('immutable');
    expect((await call('/more.js.js')).status).toBe(404);
  });
});

describe('the per-box script, pinned', () => {
  it('carries the pinned read (?revision=N) that data-revision asks for, with every later correction', async () => {
    const slug = 'script-pinned';
    const etag = await create(slug);
    const later = await put(slug, { ...(await editable()), title: 'Second title' }, { 'if-match': etag });
    expect(later.status).toBe(200);
    const pinned = await call(`/v1/factboxes/${slug}?revision=1`);
    const preload = preloadOf(await (await call(`/embed/${slug}.js?revision=1`)).text());
    expect(preload[`/v1/factboxes/${slug}?revision=1`]).toBe(await pinned.text());
    expect(preload[`/v1/factboxes/${slug}`]).toBeUndefined();
    expect((await call(`/embed/${slug}.js?revision=9`)).status).toBe(404);
    expect((await call(`/embed/${slug}.js?revision=0`)).status).toBe(400);
  });
});
