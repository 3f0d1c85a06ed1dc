// The public changelog of a box: /v1/factboxes/:slug/revisions/:n/changes, /f/:slug/history and
// /f/:slug/history.atom, against the real D1 in workerd. Writes go through the real worker; reads
// go through the worker too once it mounts the history routes, else through the same middleware
// and error handling around the `history` sub-app alone.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../worker/env';
import { ApiError, errorResponse, StorageError, unavailable } from '../../worker/errors';
import type { Change } from '../../worker/factbox/diff';
import { app } from '../../worker/index';
import { d1Session, responseHeaders } from '../../worker/middleware';
import { history } from '../../worker/routes/history';
import { ALICE, call, create, errorOf, ORIGIN, put } from './helpers';

const mounted = app.routes.some((r) => r.path === '/f/:slug/history');
const local = new Hono<AppEnv>().use('*', responseHeaders).use('*', etag()).use('*', d1Session).route('/', history);
local.onError((err) => {
  if (err instanceof ApiError) return errorResponse(err);
  if (err instanceof StorageError) return errorResponse(unavailable());
  return errorResponse(new ApiError('internal', 'Something went wrong on our side.'));
});

/** A read of the history routes: through the worker when it mounts them. */
async function read(path: string, init: RequestInit = {}): Promise<Response> {
  if (mounted) return call(path, init);
  const ctx = createExecutionContext();
  const res = await local.fetch(new Request(ORIGIN + path, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const auth = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${ALICE}`, 'content-type': 'application/json', ...extra });

/** The box as an editor holds it: its body and its ETag. */
async function current(slug: string): Promise<{ box: Record<string, any>; etag: string }> {
  const res = await call(`/v1/factboxes/${slug}`, { headers: auth() });
  expect(res.status).toBe(200);
  return { box: (await res.json()) as Record<string, any>, etag: res.headers.get('etag')! };
}

async function edit(slug: string, change: (box: Record<string, any>) => void): Promise<void> {
  const { box, etag } = await current(slug);
  change(box);
  const res = await put(slug, box, { 'if-match': etag });
  expect(res.status, await res.clone().text()).toBe(200);
}

interface ChangesBody {
  slug: string;
  revision: number;
  updatedAt: string;
  author: string;
  changes: Change[];
}

async function changesOf(slug: string, n: number): Promise<ChangesBody> {
  const res = await read(`/v1/factboxes/${slug}/revisions/${n}/changes`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  return (await res.json()) as ChangesBody;
}

const CORRECTION = 'An earlier version gave the range of diplomatic defections as 3 to 7; the estimates were revised to 4 to 8.';
const longDate = (d: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);

describe('the changelog of a box', () => {
  const slug = 'history-walk';

  it('says, revision by revision, what an editor changed, in the reader’s terms', async () => {
    await create(slug);
    // 2: a contested figure's range
    await edit(slug, (box) => {
      box.figures[1].range = { low: 4, high: 8 };
    });
    // 3: a view
    await edit(slug, (box) => {
      box.views.push({
        id: 'lankov',
        name: 'Andrei Lankov',
        role: 'Professor',
        affiliation: 'Kookmin University',
        headline: 'Mostly personal reasons',
        summary: 'Most officials who leave do so for their families and their own safety, not as a political statement.',
        sourceIds: ['npr'],
      });
    });
    // 4: a source
    await edit(slug, (box) => {
      box.sources.push({ id: 'yonhap', title: 'Diplomat defections in 2016', publisher: 'Yonhap', published: '2016-09' });
    });
    // 5: a correction
    const corrected = await call(`/v1/factboxes/${slug}/corrections`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ text: CORRECTION }),
    });
    expect(corrected.status).toBe(201);
    // 6: archived
    const { etag } = await current(slug);
    expect((await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: auth({ 'if-match': etag }) })).status).toBe(204);
    // 7: restored, with a new title
    const archived = (await (await call(`/v1/factboxes/${slug}/revisions/6`)).json()) as Record<string, any>;
    expect((await put(slug, { ...archived, title: 'What does a defection tell us?' }, { 'if-none-match': '*' })).status).toBe(201);

    const one = await changesOf(slug, 1);
    expect(one).toMatchObject({ slug, revision: 1, author: 'alice' });
    expect(one.changes).toEqual([{ kind: 'state', text: 'Box created', path: '' }]);
    expect((await changesOf(slug, 2)).changes).toEqual([
      {
        kind: 'figure',
        text: `Figure "Defections from North Korea's diplomatic posts abroad in 2016": 3 to 7 → 4 to 8`,
        path: '/figures/1/range',
      },
    ]);
    expect((await changesOf(slug, 3)).changes).toEqual([
      { kind: 'view', text: 'View added: Andrei Lankov — Mostly personal reasons', path: '/views/4' },
    ]);
    expect((await changesOf(slug, 4)).changes).toEqual([
      { kind: 'source', text: 'Source added: Yonhap, Diplomat defections in 2016', path: '/sources/1' },
    ]);
    const five = await changesOf(slug, 5);
    expect(five.changes).toEqual([
      { kind: 'correction', text: `Correction (${longDate(new Date())}): ${CORRECTION}`, path: '/corrections/1' },
    ]);
    expect(five.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await changesOf(slug, 6)).changes).toEqual([{ kind: 'state', text: 'Box archived', path: '' }]);
    expect((await changesOf(slug, 7)).changes).toEqual([
      { kind: 'state', text: 'Box restored', path: '' },
      { kind: 'text', text: 'Title changed: "What does a defection mean?" → "What does a defection tell us?"', path: '/title' },
    ]);
  });

  it('lists the revisions on a page, newest first, corrections set apart, with the feed and the box linked', async () => {
    const res = await read(`/f/${slug}/history`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'none'/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="en"/);
    const at = [7, 6, 5, 4, 3, 2, 1].map((n) => html.indexOf(`id="revision-${n}"`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain(
      `<link rel="alternate" type="application/atom+xml" title="Changes to “What does a defection tell us?”" href="/f/${slug}/history.atom"/>`,
    );
    expect(html).toContain(`<a href="/f/${slug}">Back to the fact box</a>`);
    expect(html).toContain('<h1>History of “<span lang="en">What does a defection tell us?</span>”</h1>');
    // The correction sits in its own section of revision 5, and nowhere else.
    const five = html.slice(at[2], at[3]);
    expect(five).toMatch(/<section class="corrections"[^>]*><h3[^>]*>Correction<\/h3><ul><li data-kind="correction">Correction \(/);
    expect(html.match(/class="corrections"/g)).toHaveLength(1);
    expect(html).toContain(`Figure &quot;Defections from North Korea's diplomatic posts abroad in 2016&quot;: 3 to 7 → 4 to 8`);
    expect(html).toContain(', by alice');
    expect(html).not.toContain('Older revisions');
  });

  it('serves the same history as Atom, with a correction category on the corrected revision', async () => {
    const res = await read(`/f/${slug}/history.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    const entries = xml.split('<entry>').slice(1);
    expect(entries.map((e) => /<title>([^<]*)<\/title>/.exec(e)?.[1])).toEqual([
      'Revision 7: restored',
      'Revision 6: archived',
      'Revision 5: correction',
      'Revision 4: update',
      'Revision 3: update',
      'Revision 2: update',
      'Revision 1: created',
    ]);
    expect(entries[2]).toContain('<category term="correction"/>');
    expect(entries.filter((e) => e.includes('<category term="update"/>'))).toHaveLength(6);
    expect(entries[0]).toContain(`<id>${ORIGIN}/v1/factboxes/${slug}/revisions/7</id>`);
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${ORIGIN}/f/${slug}/history.atom"/>`);
    // A feed reader polling with its ETag gets 304 before any revision is read.
    const again = await read(`/f/${slug}/history.atom`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('keeps the history of an archived box public', async () => {
    const s = 'history-archived';
    const etag = await create(s);
    expect((await call(`/v1/factboxes/${s}`, { method: 'DELETE', headers: auth({ 'if-match': etag }) })).status).toBe(204);
    expect((await call(`/f/${s}`)).status).toBe(410);
    const page = await read(`/f/${s}/history`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('This fact box has been archived');
    expect((await read(`/f/${s}/history.atom`)).status).toBe(200);
    expect((await changesOf(s, 2)).changes).toEqual([{ kind: 'state', text: 'Box archived', path: '' }]);
  });

  it('pages a long history, 50 revisions a page, and the feed holds the newest 50', async () => {
    const s = 'history-long';
    await create(s);
    for (let i = 0; i < 54; i++) {
      const res = await call(`/v1/factboxes/${s}/corrections`, {
        method: 'POST',
        headers: auth(),
        body: JSON.stringify({ text: `Correction number ${i + 1}.` }),
      });
      expect(res.status).toBe(201);
    }
    const first = await (await read(`/f/${s}/history`)).text();
    const ids = (html: string) => [...html.matchAll(/id="revision-(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids(first)).toEqual(Array.from({ length: 50 }, (_, i) => 55 - i));
    expect(first).toContain(`<a rel="next" href="/f/${s}/history?before=6">Older revisions</a>`);
    expect(first).not.toContain('Newer revisions');
    const second = await (await read(`/f/${s}/history?before=6`)).text();
    expect(ids(second)).toEqual([5, 4, 3, 2, 1]);
    expect(second).toContain(`<a rel="prev" href="/f/${s}/history">Newer revisions</a>`);
    expect(second).not.toContain('Older revisions');
    // Revision 6 is still described against revision 5 at the bottom of the first page.
    expect(first).toContain('Correction number 5.');
    const feed = await (await read(`/f/${s}/history.atom`)).text();
    expect(feed.split('<entry>')).toHaveLength(51);
    expect((await read(`/f/${s}/history?before=0`)).status).toBe(400);
    expect((await read(`/f/${s}/history?before=x`)).status).toBe(400);
    // 55 writes through the worker: seconds on a loaded machine.
  }, 30_000);

  it('escapes what editors write, on the page and in the feed', async () => {
    const s = 'history-hostile';
    await create(s, { title: '<script>alert(1)</script> & ]]> "quoted"' });
    const page = await (await read(`/f/${s}/history`)).text();
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script>alert(1)&lt;/script> &amp; ]]> &quot;quoted&quot;');
    const feed = await (await read(`/f/${s}/history.atom`)).text();
    expect(feed).not.toContain('<script');
    expect(feed).not.toContain(']]>');
    expect(feed).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; &quot;quoted&quot;');
  });
});

describe('errors', () => {
  it('answers 400 for a bad revision number, 404 for no such box or revision', async () => {
    await create('history-errors');
    for (const n of ['0', '-1', 'x', '1.5', '01']) {
      const res = await read(`/v1/factboxes/history-errors/revisions/${n}/changes`);
      expect(res.status, n).toBe(400);
      expect((await errorOf(res)).code).toBe('bad_request');
    }
    const noRevision = await read('/v1/factboxes/history-errors/revisions/2/changes');
    expect(noRevision.status).toBe(404);
    expect((await errorOf(noRevision)).code).toBe('not_found');
    expect((await read('/v1/factboxes/no-such-box/revisions/1/changes')).status).toBe(404);
    const page = await read('/f/no-such-box/history');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('No such fact box');
    expect((await read('/f/no-such-box/history.atom')).status).toBe(404);
    expect((await read('/f/Not_A_Slug/history')).status).toBe(400);
  });

  it('answers 451 on every history read of a box taken down', async () => {
    const s = 'history-taken-down';
    await create(s);
    const root = 'root-token-history-0123456789';
    const tokens = { FACTBOX_TOKENS: `alice:${ALICE},root:${root}:admin` };
    const body = JSON.stringify({ reason: 'court-order', note: 'Removed under an order of the Seoul Central District Court.' });
    const down = await call(
      `/v1/factboxes/${s}/takedown`,
      { method: 'POST', headers: { authorization: `Bearer ${root}`, 'content-type': 'application/json' }, body },
      tokens,
    );
    expect(down.status).toBe(201);
    const changes = await read(`/v1/factboxes/${s}/revisions/1/changes`);
    expect(changes.status).toBe(451);
    expect((await errorOf(changes)).code).toBe('unavailable_for_legal_reasons');
    const page = await read(`/f/${s}/history`);
    expect(page.status).toBe(451);
    expect(await page.text()).toContain('Seoul Central District Court');
    expect((await read(`/f/${s}/history.atom`)).status).toBe(451);
  });
});
