// The edge cache (worker/cache.ts): after a write, every cached representation of the box answers
// the new revision at once, list pages of any limit and cursor included.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ALL_OPTIONS } from '../../widget/render/options';
import worker from '../../worker/index';
import { ALICE, brokenD1, call, create, editable, put } from './helpers';

const auth = { authorization: `Bearer ${ALICE}`, 'content-type': 'application/json' };

/** Every URL a reader can fetch the box by, including variant spellings of the same page. */
function urls(slug: string): string[] {
  const pages = ['embed', 'f'].flatMap((p) => [
    `/${p}/${slug}`,
    ...ALL_OPTIONS.map((o) => `/${p}/${slug}?${new URLSearchParams({ theme: o.theme, lang: o.lang, layout: o.layout })}`),
    `/${p}/${slug}?lang=ko&theme=dark`,
  ]);
  const scripts = [`/embed/${slug}.js`, `/embed/${slug}.js?lang=ko`];
  return [
    `/v1/factboxes/${slug}`,
    `/v1/factboxes/${slug}/claims.jsonld`,
    '/v1/factboxes',
    '/v1/factboxes?limit=10',
    '/v1/factboxes?limit=200',
    ...pages,
    ...scripts,
  ];
}

/** Reads each URL twice, so that the second answer comes from the edge cache. */
async function warm(list: string[]) {
  for (const u of list) for (let i = 0; i < 2; i++) expect((await call(u)).status, u).toBe(200);
}

describe('the edge cache after a write', () => {
  it('serves the new revision from every cached representation at once: JSON, claims JSON-LD, list pages, /embed/ and /f/ variants', async () => {
    const slug = 'cache-purge';
    let etag = await create(slug, { title: 'Title one' });
    const all = urls(slug);
    await warm(all);

    // A cursor page that starts just before this box.
    const { items } = (await (await call('/v1/factboxes?limit=200')).json()) as { items: { slug: string }[] };
    const before = items[items.findIndex((i) => i.slug === slug) - 1]?.slug ?? '';
    const cursor = btoa(before).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const cursorPage = `/v1/factboxes?limit=5&cursor=${cursor}`;
    if (before) await warm([cursorPage]);

    for (const [title, write] of [
      ['Title two', async () => put(slug, { ...(await editable()), title: 'Title two' }, { 'if-match': etag })],
      [
        'Title two',
        async () =>
          call(`/v1/factboxes/${slug}/corrections`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ text: 'A later correction.' }),
          }),
      ],
    ] as const) {
      const res = await write();
      expect(res.status).toBeLessThan(300);
      etag = res.headers.get('etag')!;
      for (const u of [...all, ...(before ? [cursorPage] : [])]) {
        const text = await (await call(u)).text();
        expect(text, u).toContain(title);
        if (!u.startsWith('/v1/factboxes?')) expect(text, u).not.toContain('Title one');
      }
    }

    // After the correction every representation of the box shows it.
    for (const u of all.filter((x) => !x.startsWith('/v1/factboxes?') && x !== '/v1/factboxes'))
      expect(await (await call(u)).text(), u).toContain('A later correction.');

    // Archive: the box leaves every list page and its pages answer 410 at once.
    const del = await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: { ...auth, 'if-match': etag } });
    expect(del.status).toBe(204);
    for (const u of all) {
      const res = await call(u);
      if (u.startsWith('/v1/factboxes?') || u === '/v1/factboxes') expect(await res.text(), u).not.toContain(`"${slug}"`);
      else expect(res.status, u).toBe(410);
    }
  });
});

/** The real D1, with every read held back until `release` is called. */
function heldD1(): { DB: D1Database; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const wrapStatement = (st: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(st, {
      get(target, prop) {
        if (prop === 'bind') return (...a: unknown[]) => wrapStatement(target.bind(...a));
        if (prop === 'first' || prop === 'all')
          return async (...a: unknown[]) => {
            const result = await (target[prop] as (...x: unknown[]) => Promise<unknown>)(...a);
            await gate;
            return result;
          };
        const v = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  const wrap = (db: D1Database | D1DatabaseSession) =>
    new Proxy(db, {
      get(target, prop) {
        if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
        const v = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'withSession') return (c?: string) => wrap(target.withSession(c));
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { DB, release };
}

async function callAt(origin: string, path: string, init: RequestInit = {}, bindings: Partial<typeof env> = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(origin + path, init), { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('archiving takes a box down from the edge cache', () => {
  it('a read that started before the archive cannot put its old copy back after the purge', async () => {
    const slug = 'archive-race';
    const etag = await create(slug);
    const { DB, release } = heldD1();
    // The read gets its answer from D1, then is held while the archive happens.
    const reading = call(`/f/${slug}`, {}, { DB });
    await new Promise((r) => setTimeout(r, 50));
    expect((await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: { ...auth, 'if-match': etag } })).status).toBe(204);
    release();
    expect((await reading).status).toBe(200); // it was served what it read, but not kept
    expect((await call(`/f/${slug}`)).status).toBe(410);
  });

  it('a write through one host name purges the copies kept for every other host name', async () => {
    const slug = 'two-hosts';
    const etag = await create(slug);
    const other = 'https://facts.newsroom.test';
    for (let i = 0; i < 2; i++) expect((await callAt(other, `/v1/factboxes/${slug}`)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await callAt(other, `/embed/${slug}`)).status).toBe(200);
    expect((await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: { ...auth, 'if-match': etag } })).status).toBe(204);
    expect((await callAt(other, `/v1/factboxes/${slug}`)).status).toBe(410);
    expect((await callAt(other, `/embed/${slug}`)).status).toBe(410);
  });

  it('never serves a last-good copy from before the archive, even when D1 is down', async () => {
    const slug = 'archive-outage';
    const etag = await create(slug);
    expect((await call(`/v1/factboxes/${slug}`)).status).toBe(200); // keeps a last good copy
    expect((await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: { ...auth, 'if-match': etag } })).status).toBe(204);
    const res = await call(`/v1/factboxes/${slug}`, {}, { DB: brokenD1() });
    expect(res.status).toBe(503);
  });
});
