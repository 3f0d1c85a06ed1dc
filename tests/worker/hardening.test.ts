// Hardening II: what an outside attack on the running service found (see SECURITY.md), each pinned.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../worker/factbox/schema';
import { LIST_SQL } from '../../worker/factbox/store';
import { ALICE, brokenD1, call, create, editable, errorOf, put, rows, seed, ROOT, ADMIN_TOKENS, as } from './helpers';

const today = () => new Date().toISOString().slice(0, 10);
const correct = (slug: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`/v1/factboxes/${slug}/corrections`, { method: 'POST', headers: as(ALICE, headers), body: JSON.stringify(body) });

describe('a lawful takedown', () => {
  it('is refused to an editor (403) and made by an admin; every public read then answers 451, and nothing is deleted', async () => {
    const slug = 'taken-down';
    await create(slug);
    const reads = [
      `/v1/factboxes/${slug}`,
      `/v1/factboxes/${slug}/revisions`,
      `/v1/factboxes/${slug}/revisions/1`,
      `/v1/factboxes/${slug}/claims.jsonld`,
      `/embed/${slug}`,
      `/f/${slug}?theme=dark`,
    ];
    for (const r of reads) for (let i = 0; i < 2; i++) expect((await call(r)).status, r).toBe(200); // cached
    const body = JSON.stringify({ reason: 'court-order', note: 'Removed under an order of the Seoul Central District Court.' });
    const editor = await call(`/v1/factboxes/${slug}/takedown`, { method: 'POST', headers: as(ALICE), body }, ADMIN_TOKENS);
    expect(editor.status).toBe(403);
    expect((await errorOf(editor)).code).toBe('forbidden');
    const before = await rows(slug);
    const down = await call(`/v1/factboxes/${slug}/takedown`, { method: 'POST', headers: as(ROOT), body }, ADMIN_TOKENS);
    expect(down.status).toBe(201);
    for (const r of reads) {
      const res = await call(r);
      expect(res.status, r).toBe(451);
      if (r.startsWith('/v1/')) expect((await errorOf(res)).code).toBe('unavailable_for_legal_reasons');
      else expect(await res.text(), r).toContain('Seoul Central District Court');
    }
    const oembed = await call(`/oembed?url=${encodeURIComponent(`https://factbox.test/f/${slug}`)}`);
    expect(oembed.status).toBe(451);
    const list = (await (await call('/v1/factboxes?limit=200')).json()) as { items: { slug: string }[] };
    expect(list.items.map((i) => i.slug)).not.toContain(slug);
    // Nothing deleted: the revisions are all there, and the takedown is itself recorded.
    expect(await rows(slug)).toEqual(before);
    const { results } = await env.DB.prepare('SELECT action, reason, actor FROM takedowns WHERE slug = ?').bind(slug).all();
    expect(results).toEqual([{ action: 'takedown', reason: 'court-order', actor: 'root' }]);
    // An admin lifts it; the lifting is recorded too.
    expect((await call(`/v1/factboxes/${slug}/takedown`, { method: 'DELETE', headers: as(ROOT) }, ADMIN_TOKENS)).status).toBe(204);
    for (const r of reads) expect((await call(r)).status, r).toBe(200);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM takedowns WHERE slug = ?').bind(slug).first<{ n: number }>())!.n).toBe(2);
  });
});

describe('corrections and the box limits', () => {
  it('a long correction history never blocks fixing the box, nor archiving and restoring it', async () => {
    const slug = 'many-corrections';
    await create(slug);
    // 45 corrections of 2,000 Hangul characters: about 270 KB, more than the box's own 256 KB.
    for (let i = 0; i < 45; i++) expect((await correct(slug, { text: '정'.repeat(2000) })).status).toBe(201);
    const current = await call(`/v1/factboxes/${slug}`, { headers: as(ALICE) });
    const box = (await current.json()) as Record<string, unknown>;
    const edited = await put(slug, { ...box, title: 'Still editable' }, { 'if-match': current.headers.get('etag')! });
    expect(edited.status).toBe(200);
    const del = await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: as(ALICE, { 'if-match': edited.headers.get('etag')! }) });
    expect(del.status).toBe(204);
    expect((await put(slug, { ...box, title: 'Restored' }, { 'if-none-match': '*' })).status).toBe(201);
    // 48 writes, each purging every cached representation of the box: slow on a busy machine.
  }, 30_000);

  it(`refuses a correction beyond ${LIMITS.corrections} with 413, and the box stays editable`, async () => {
    const slug = 'full-of-corrections';
    const corrections = Array.from({ length: LIMITS.corrections }, (_, i) => ({ date: '2016-08-28', text: `Correction ${i}.` }));
    await seed(slug, { corrections });
    const res = await correct(slug, { text: 'One too many.' });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).problems?.[0]?.path).toBe('/corrections');
    const current = await call(`/v1/factboxes/${slug}`, { headers: as(ALICE) });
    const box = (await current.json()) as Record<string, unknown>;
    expect((await put(slug, { ...box, title: 'Fixed' }, { 'if-match': current.headers.get('etag')! })).status).toBe(200);
  });

  it('refuses correction dates in the future, before the box existed, or that do not exist', async () => {
    const slug = 'dated-corrections';
    await create(slug);
    const future = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
    for (const date of [future, '2020-01-01', '2016-02-31', '2026-13-01']) {
      const res = await correct(slug, { text: 'A correction.', date });
      expect(res.status, date).toBe(400);
      expect((await errorOf(res)).problems?.[0]?.path, date).toMatch(/date$/);
    }
    expect((await correct(slug, { text: 'A correction.', date: today() })).status).toBe(201);
  });

  it('answers simultaneous corrections without ever reporting contention as an outage', async () => {
    const slug = 'busy-corrections';
    await create(slug);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => correct(slug, { text: `Simultaneous correction ${i}.` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    for (const r of results) if (r.status !== 201) expect(r.status).toBe(409);
    const box = (await (await call(`/v1/factboxes/${slug}`, { headers: as(ALICE) })).json()) as { corrections: unknown[] };
    expect(box.corrections.length - 1).toBe(statuses.filter((s) => s === 201).length);
  });
});

describe('conditional requests', () => {
  it('refuses DELETE with If-Match: * and with a weak tag (RFC 9110 strong comparison)', async () => {
    const etag = await create('weak-tags');
    for (const ifMatch of ['*', `W/${etag}`]) {
      const res = await call('/v1/factboxes/weak-tags', { method: 'DELETE', headers: as(ALICE, { 'if-match': ifMatch }) });
      expect(res.status, ifMatch).toBe(412);
      const upd = await put('weak-tags', await editable(), { 'if-match': ifMatch });
      expect(upd.status, ifMatch).toBe(412);
    }
  });
});

describe('the store', () => {
  it('lists boxes from their heads, by primary key, in time independent of their history', async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${LIST_SQL}`).bind('', 51).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail)).toEqual(['SEARCH heads USING PRIMARY KEY (slug>?)']);
  });

  it('keeps the head of a box in step with every append, archive included', async () => {
    const etag = await create('head-kept');
    const head = () => env.DB.prepare('SELECT revision, state, title FROM heads WHERE slug = ?').bind('head-kept').first();
    expect(await head()).toEqual({ revision: 1, state: 'live', title: 'What does a defection mean?' });
    const res = await put('head-kept', { ...(await editable()), title: 'Second' }, { 'if-match': etag });
    expect(await head()).toEqual({ revision: 2, state: 'live', title: 'Second' });
    await call('/v1/factboxes/head-kept', { method: 'DELETE', headers: as(ALICE, { 'if-match': res.headers.get('etag')! }) });
    expect(await head()).toEqual({ revision: 3, state: 'archived', title: 'Second' });
  });

  it('pages the history of a box', async () => {
    const slug = 'long-history';
    await create(slug);
    for (let i = 0; i < 4; i++) await correct(slug, { text: `Correction ${i}.` });
    const first = (await (await call(`/v1/factboxes/${slug}/revisions?limit=2`)).json()) as {
      revisions: { revision: number }[];
      next: number;
    };
    expect(first.revisions.map((r) => r.revision)).toEqual([1, 2]);
    const second = (await (await call(`/v1/factboxes/${slug}/revisions?limit=2&after=${first.next}`)).json()) as {
      revisions: { revision: number }[];
      next: number | null;
    };
    expect(second.revisions.map((r) => r.revision)).toEqual([3, 4]);
    const last = (await (await call(`/v1/factboxes/${slug}/revisions?limit=2&after=4`)).json()) as {
      revisions: { revision: number }[];
      next: number | null;
    };
    expect(last).toMatchObject({ revisions: [{ revision: 5 }], next: null });
    expect((await call(`/v1/factboxes/${slug}/revisions?limit=5000`)).status).toBe(400);
  });
});

describe('pages', () => {
  it("carry a Permissions-Policy; an archived box's page tells the reader so, in HTML", async () => {
    for (const path of ['/embed/north-korea-defections', '/f/north-korea-defections', '/'])
      expect((await call(path)).headers.get('permissions-policy'), path).toMatch(/camera=\(\)/);
    const etag = await create('archived-page');
    await call('/v1/factboxes/archived-page', { method: 'DELETE', headers: as(ALICE, { 'if-match': etag }) });
    for (const path of ['/embed/archived-page', '/f/archived-page']) {
      const res = await call(path);
      expect(res.status).toBe(410);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('archived');
    }
  });
});

describe('the builder', () => {
  it('never shows the snippet of a box other than the one asked for, and finds one beyond the first page', async () => {
    const missing = await call('/?slug=no-such-box');
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toMatch(/There is no fact box ("|&quot;)no-such-box("|&quot;)\./);
    expect(html).not.toContain('data-factbox="north-korea-defections"');
    // zzz- sorts after the first 200 boxes when there are more than 200.
    await create('zzz-far-down');
    const found = await (await call('/?slug=zzz-far-down')).text();
    expect(found).toMatch(/<option value="zzz-far-down"[^>]*selected/);
    expect(found).toContain('data-factbox=&quot;zzz-far-down&quot;');
  });
});

describe('who may skip the edge cache', () => {
  const failing = () =>
    new Proxy(env.DB, {
      get() {
        throw new Error('D1 must not be touched');
      },
    });

  it('an invented bookmark or a wrong token is served from the cache; a valid token or an issued bookmark is not', async () => {
    const path = `/v1/factboxes/north-korea-defections`;
    expect((await call(path)).status).toBe(200); // cached
    const invented: Record<string, string>[] = [
      { 'x-d1-bookmark': 'garbage' },
      { 'x-d1-bookmark': '00000000-00000002-00000000-00000000000000000000000000000000.forged' },
      { authorization: 'Bearer not-a-valid-token-at-all', 'cf-connecting-ip': '198.51.100.7' },
    ];
    for (const headers of invented) expect((await call(path, { headers }, { DB: failing() })).status, JSON.stringify(headers)).toBe(200);
    // A valid token reads past the cache: D1 is asked, fails, and the last good copy is served as such.
    const past = await call(path, { headers: { authorization: `Bearer ${ALICE}` } }, { DB: brokenD1() });
    expect(past.headers.get('x-factbox-stale')).toBe('1');
    // A bookmark from a write reads past the cache too.
    const written = await put('bookmark-signed', await editable(), { 'if-none-match': '*' });
    const bookmark = written.headers.get('x-d1-bookmark')!;
    expect(bookmark).toMatch(/\.[A-Za-z0-9_-]{22}$/);
    expect((await call('/v1/factboxes/bookmark-signed', { headers: { 'x-d1-bookmark': bookmark } }, { DB: brokenD1() })).status).toBe(503);
  });

  it('keeps the builder page at the edge until a write changes the list', async () => {
    const first = await call('/?slug=north-korea-defections');
    expect(first.status).toBe(200);
    expect((await call('/?slug=north-korea-defections', {}, { DB: failing() })).status).toBe(200);
    await create('builder-after-write');
    const after = await call('/?slug=north-korea-defections');
    expect(await after.text()).toContain('builder-after-write');
  });
});

describe('what a review found', () => {
  it('hands bookmarks out only on writes, and a lapsed one no longer reads past the cache', async () => {
    const read = await call('/v1/factboxes/north-korea-defections');
    expect(read.headers.get('x-d1-bookmark')).toBeNull();
    const { signBookmark } = await import('../../worker/middleware');
    const lapsed = await signBookmark(env, '00000000-00000002-00000000-00000000000000000000000000000000', Date.now() - 10 * 60_000);
    const failing = new Proxy(env.DB, {
      get() {
        throw new Error('D1 must not be touched');
      },
    });
    const res = await call('/v1/factboxes/north-korea-defections', { headers: { 'x-d1-bookmark': lapsed } }, { DB: failing });
    expect(res.status).toBe(200);
  });

  it('answers 409, not 503, to two admins taking a box down at the same moment', async () => {
    await create('double-takedown');
    const body = JSON.stringify({ reason: 'safety', note: 'Removed.' });
    const both = await Promise.all(
      [0, 1].map(() => call('/v1/factboxes/double-takedown/takedown', { method: 'POST', headers: as(ROOT), body }, ADMIN_TOKENS)),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});
