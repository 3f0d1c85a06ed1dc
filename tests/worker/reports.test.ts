// Readers' error reports in workerd against the real D1: every refusal, the per-client limit
// under concurrent requests, the honeypot, the cap on open reports, the editors' list and PATCH
// (only with a token), the address deleted on close, the rotating hash, CORS on this one public
// write (and on no other), and that nothing of a report reaches any public response.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { REPORT_HASH, REPORT_INTEGRITY, REPORT_JS } from '../../worker/generated/embed';
import worker from '../../worker/index';
import { seedBox } from '../fixtures/seed-box';
import { ALICE, call, create, errorOf } from './helpers';

type Json = Record<string, unknown>;
/** The index the next correction of a box created from the seed box gets. */
const NEXT = seedBox.corrections.length;
let ip = 0;
/** A fresh client address for each test, so the per-client limit of one never touches another. */
const nextIp = () => `198.51.100.${++ip % 250}`;

function report(slug: string, body: unknown, headers: Record<string, string> = {}) {
  return call(`/v1/factboxes/${slug}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.1', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const good = (extra: Json = {}) => ({ target: '/figures/1', revision: 1, text: 'The high end of this range is 8, not 7.', ...extra });

function editor(path: string, init: RequestInit = {}, token = ALICE) {
  return call(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
}
const list = (slug: string, q = '', token = ALICE) => editor(`/v1/factboxes/${slug}/reports${q}`, {}, token);
const patch = (slug: string, id: string, body: unknown, token = ALICE) =>
  editor(`/v1/factboxes/${slug}/reports/${id}`, { method: 'PATCH', body: JSON.stringify(body) }, token);
const stored = async (slug: string) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM reports WHERE slug = ?').bind(slug).first<{ n: number }>())!.n;

describe('POST /v1/factboxes/:slug/reports', () => {
  it('stores a report and answers 202 with its id, never cached', async () => {
    await create('rep-ok');
    const res = await report('rep-ok', good({ contact: 'reader@example.org' }), { 'cf-connecting-ip': nextIp() });
    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const row = await env.DB.prepare('SELECT * FROM reports WHERE id = ?').bind(id).first<Json>();
    expect(row).toMatchObject({ slug: 'rep-ok', target: '/figures/1', revision: 1, contact: 'reader@example.org', status: 'open' });
    // The whole box is "" and any part that exists in that revision may be named.
    for (const target of ['', '/views/0', '/summary', '/figures/0/label', '/corrections'])
      expect((await report('rep-ok', good({ target }), { 'cf-connecting-ip': nextIp() })).status, target).toBe(202);
  });

  it('refuses what is wrong with a JSON Pointer to the field at fault', async () => {
    await create('rep-bad');
    await editor('/v1/factboxes/rep-bad/corrections', { method: 'POST', body: JSON.stringify({ text: 'A figure was wrong.' }) });
    const cases: [Json, string][] = [
      [good({ target: '/figures/9' }), '/target'],
      [good({ target: '/figures/01' }), '/target'],
      [good({ target: '/nothing' }), '/target'],
      [good({ target: 'figures/1' }), '/target'],
      [good({ target: '/figures/1/~2' }), '/target'],
      // The correction exists in revision 2, not in the revision 1 the reader saw.
      [good({ target: `/corrections/${NEXT}`, revision: 1 }), '/target'],
      [good({ revision: 3 }), '/revision'],
      [good({ revision: 0 }), '/revision'],
      [good({ revision: 1.5 }), '/revision'],
      [good({ contact: 'not an address' }), '/contact'],
      [good({ contact: 'a@b' }), '/contact'],
      [good({ text: 'too short' }), '/text'],
      [good({ text: `   ${'x'.repeat(9)}   ` }), '/text'],
      [good({ text: 'y'.repeat(2001) }), '/text'],
      [good({ text: 'bell \u0007 in the text' }), '/text'],
      [good({ extra: 1 }), '/extra'],
      [{ target: '', revision: 1 }, '/text'],
    ];
    for (const [body, path] of cases) {
      const res = await report('rep-bad', body, { 'cf-connecting-ip': nextIp() });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('invalid_report');
      expect(
        err.problems?.map((p) => p.path),
        JSON.stringify(err),
      ).toContain(path);
    }
    // Text counts characters as a reader does: 2,000 emoji are 2,000 characters.
    expect((await report('rep-bad', good({ text: '🙂'.repeat(2000) }), { 'cf-connecting-ip': nextIp() })).status).toBe(202);
    expect((await report('rep-bad', good({ target: `/corrections/${NEXT}`, revision: 2 }), { 'cf-connecting-ip': nextIp() })).status).toBe(
      202,
    );
    // An empty address is no address.
    expect((await report('rep-bad', good({ contact: '  ' }), { 'cf-connecting-ip': nextIp() })).status).toBe(202);
    expect(await stored('rep-bad')).toBe(3);
  });

  it('answers 404, 410, 451, 413 and 415 as every write does', async () => {
    expect((await errorOf(await report('no-such-box', good()))).code).toBe('not_found');
    const etag = await create('rep-archived');
    await editor('/v1/factboxes/rep-archived', { method: 'DELETE', headers: { 'if-match': etag } });
    expect((await report('rep-archived', good())).status).toBe(410);
    await create('rep-down');
    await env.DB.prepare(
      "INSERT INTO takedowns (slug, seq, action, reason, note, actor, created_at) VALUES ('rep-down', 1, 'takedown', 'court-order', 'Order.', 'admin', '2026-01-01T00:00:00Z')",
    ).run();
    expect((await report('rep-down', good())).status).toBe(451);
    await create('rep-size');
    const big = await report('rep-size', good({ text: 'z'.repeat(20_000) }));
    expect(big.status).toBe(413);
    expect((await errorOf(big)).code).toBe('payload_too_large');
    const form = await call('/v1/factboxes/rep-size/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=hello+there+friends&target=&revision=1',
    });
    expect(form.status).toBe(415);
    expect((await report('rep-size', '{not json')).status).toBe(400);
    expect((await report('no_such/slug', good())).status).toBe(404);
    expect(await stored('rep-size')).toBe(0);
  });

  it('holds the per-client limit across many concurrent requests, with Retry-After', async () => {
    await create('rep-limit');
    const client = { 'cf-connecting-ip': '203.0.113.77' };
    const all = await Promise.all(
      Array.from({ length: 25 }, (_, i) => report('rep-limit', good({ text: `Report number ${i} about a figure.` }), client)),
    );
    expect(all.filter((r) => r.status === 202)).toHaveLength(5);
    const refused = all.filter((r) => r.status === 429);
    expect(refused).toHaveLength(20);
    const retry = Number(refused[0]!.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(3500);
    expect(retry).toBeLessThanOrEqual(3600);
    expect((await errorOf(refused[0]!)).code).toBe('rate_limited');
    expect(await stored('rep-limit')).toBe(5);
    // Per client and per box: another address, or another box, is not held back.
    expect((await report('rep-limit', good(), { 'cf-connecting-ip': '203.0.113.78' })).status).toBe(202);
    await create('rep-limit-2');
    expect((await report('rep-limit-2', good(), client)).status).toBe(202);
    // An IPv6 client counts by its /64: another address in it is the same client.
    const v6 = (n: number) => ({ 'cf-connecting-ip': `2001:db8:1:2::${n}` });
    for (let i = 0; i < 5; i++) expect((await report('rep-limit-2', good(), v6(i + 1))).status).toBe(202);
    expect((await report('rep-limit-2', good(), v6(99))).status).toBe(429);
  });

  it('stores no raw address, only a salted hash that is forgotten after the window', async () => {
    await create('rep-hash');
    expect((await report('rep-hash', good(), { 'cf-connecting-ip': '192.0.2.200' })).status).toBe(202);
    const row = (await env.DB.prepare("SELECT * FROM reports WHERE slug = 'rep-hash'").first<Json>())!;
    expect(JSON.stringify(row)).not.toContain('192.0.2.200');
    expect(row.client).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const salts = await env.DB.prepare('SELECT day FROM report_salts').all<{ day: string }>();
    expect(salts.results.map((s) => s.day)).toContain(new Date().toISOString().slice(0, 10));
    // The hourly cron forgets hashes older than the window and salts of days it no longer reaches.
    await env.DB.prepare("UPDATE reports SET created_at = '2020-01-01T00:00:00.000Z' WHERE slug = 'rep-hash'").run();
    await env.DB.prepare("INSERT OR IGNORE INTO report_salts (day, salt) VALUES ('2020-01-01', 'AAAA')").run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '7 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await env.DB.prepare("SELECT client FROM reports WHERE slug = 'rep-hash'").first<Json>())!.client).toBe('');
    expect(await env.DB.prepare("SELECT day FROM report_salts WHERE day = '2020-01-01'").first()).toBeNull();
  });

  it('answers a filled honeypot like a person, and stores nothing', async () => {
    await create('rep-honey');
    const res = await report('rep-honey', good({ website: 'http://spam.example' }), { 'cf-connecting-ip': nextIp() });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await stored('rep-honey')).toBe(0);
    // An empty honeypot (as the form sends it) is a person's report.
    expect((await report('rep-honey', good({ website: '' }), { 'cf-connecting-ip': nextIp() })).status).toBe(202);
    expect(await stored('rep-honey')).toBe(1);
  });

  it('caps the open reports of a box; closing one makes room', async () => {
    await create('rep-cap');
    const cap = { FACTBOX_OPEN_REPORTS_MAX: '3' };
    const post = (n: number) =>
      call(
        '/v1/factboxes/rep-cap/reports',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': `192.0.2.${100 + n}` },
          body: JSON.stringify(good()),
        },
        cap,
      );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(((await (await post(i)).json()) as { id: string }).id);
    const full = await post(10);
    expect(full.status).toBe(429);
    expect(full.headers.get('retry-after')).toBe('3600');
    expect((await errorOf(full)).message).toMatch(/many reports waiting/);
    expect((await patch('rep-cap', ids[0]!, { status: 'rejected', note: 'Not an error.' })).status).toBe(200);
    expect((await post(11)).status).toBe(202);
    expect(await stored('rep-cap')).toBe(4);
  });
});

describe('editors: GET and PATCH', () => {
  it('lists reports newest first in pages, only with a valid token', async () => {
    await create('rep-list');
    for (let i = 0; i < 5; i++)
      expect(
        (await report('rep-list', good({ text: `Report ${i} about this box.` }), { 'cf-connecting-ip': `192.0.2.${10 + i}` })).status,
      ).toBe(202);
    const none = await call('/v1/factboxes/rep-list/reports');
    expect(none.status).toBe(401);
    expect(JSON.stringify(await none.json())).not.toContain('about this box');
    const bad = await list('rep-list', '', 'wrong-token-0123456789abcdef');
    expect(bad.status).toBe(401);
    expect(JSON.stringify(await bad.json())).not.toContain('about this box');

    const first = await list('rep-list', '?status=open&limit=2');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/no-store/);
    expect(first.headers.get('access-control-allow-origin')).toBeNull();
    const p1 = (await first.json()) as { items: { text: string; createdAt: string }[]; next: string };
    expect(p1.items.map((r) => r.text)).toEqual(['Report 4 about this box.', 'Report 3 about this box.']);
    const p2 = (await (await list('rep-list', `?limit=2&cursor=${p1.next}`)).json()) as { items: { text: string }[]; next: string };
    const p3 = (await (await list('rep-list', `?limit=2&cursor=${p2.next}`)).json()) as { items: { text: string }[]; next: null };
    expect([...p2.items, ...p3.items].map((r) => r.text)).toEqual([
      'Report 2 about this box.',
      'Report 1 about this box.',
      'Report 0 about this box.',
    ]);
    expect(p3.next).toBeNull();
    // A wrong token counts once per request against the failed-authentication limit (10 in 10 minutes).
    const guess = () =>
      call('/v1/factboxes/rep-list/reports', {
        headers: { authorization: 'Bearer wrong-token-0123456789abcdef', 'cf-connecting-ip': '192.0.2.250' },
      });
    for (let i = 0; i < 10; i++) expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(429);
    expect((await list('rep-list', '?status=closed')).status).toBe(400);
    expect((await list('rep-list', '?cursor=nonsense')).status).toBe(400);
    expect((await list('no-such-box')).status).toBe(404);
  });

  it('closes a report with a note and a correction, deleting the address; refuses what is wrong', async () => {
    await create('rep-patch');
    const sent = await report('rep-patch', good({ contact: 'reader@example.org' }), { 'cf-connecting-ip': nextIp() });
    const { id } = (await sent.json()) as { id: string };
    const path = `/v1/factboxes/rep-patch/reports/${id}`;
    // Without a token, with a bad one: nothing changes.
    expect((await call(path, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await patch('rep-patch', id, { status: 'resolved', note: 'x' }, 'wrong-token-0123456789abcdef')).status).toBe(401);
    // No such correction yet; a rejected report names none; a bad status; an unknown report.
    const noCorr = await patch('rep-patch', id, { status: 'resolved', note: 'Fixed.', correction: NEXT });
    expect(noCorr.status).toBe(400);
    expect((await errorOf(noCorr)).problems?.[0]?.path).toBe('/correction');
    expect((await patch('rep-patch', id, { status: 'closed', note: 'Fixed.' })).status).toBe(400);
    expect((await patch('rep-patch', crypto.randomUUID(), { status: 'resolved', note: 'Fixed.' })).status).toBe(404);
    expect((await patch('rep-patch', 'not-an-id', { status: 'resolved', note: 'Fixed.' })).status).toBe(404);
    expect((await env.DB.prepare('SELECT contact FROM reports WHERE id = ?').bind(id).first<Json>())!.contact).toBe('reader@example.org');

    await editor('/v1/factboxes/rep-patch/corrections', { method: 'POST', body: JSON.stringify({ text: 'The range is 4 to 8.' }) });
    expect((await patch('rep-patch', id, { status: 'rejected', note: 'x', correction: NEXT })).status).toBe(400);
    const done = await patch('rep-patch', id, { status: 'resolved', note: 'Corrected on the day.', correction: NEXT });
    expect(done.status).toBe(200);
    expect(done.headers.get('cache-control')).toMatch(/no-store/);
    expect(await done.json()).toMatchObject({
      id,
      status: 'resolved',
      note: 'Corrected on the day.',
      correction: NEXT,
      contact: null,
      closedBy: 'alice',
    });
    expect((await env.DB.prepare('SELECT contact FROM reports WHERE id = ?').bind(id).first<Json>())!.contact).toBeNull();
    // Gone from the open list, in the resolved one.
    expect(((await (await list('rep-patch')).json()) as { items: unknown[] }).items).toHaveLength(0);
    expect(((await (await list('rep-patch', '?status=resolved')).json()) as { items: { id: string }[] }).items[0]!.id).toBe(id);
    // The count is public, on the history page.
    const history = await (await call('/f/rep-patch/history')).text();
    expect(history).toContain('1 error report from readers has been resolved.');
    // Reopening is possible; the address stays deleted.
    expect(await (await patch('rep-patch', id, { status: 'open', note: 'Reopened.' })).json()).toMatchObject({
      status: 'open',
      contact: null,
      closedAt: null,
    });
  });
});

describe('report.js', () => {
  it('is served immutable under its hash, integrity-checkable from any origin, and briefly under any other name', async () => {
    const pinned = await call(`/report.${REPORT_HASH}.js`, { headers: { origin: 'https://news.example' } });
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(pinned.headers.get('cache-control')).toContain('immutable');
    // crossorigin="anonymous" with integrity needs CORS on the script itself.
    expect(pinned.headers.get('access-control-allow-origin')).toBe('*');
    const body = await pinned.arrayBuffer();
    const digest = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-384', body))));
    expect(`sha384-${digest}`).toBe(REPORT_INTEGRITY);
    expect(new TextDecoder().decode(body)).toBe(REPORT_JS);
    for (const path of ['/report.js', '/report.0123456789.js']) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).not.toContain('immutable');
      expect(await res.text()).toBe(REPORT_JS);
    }
  });
});

describe('CORS and leaks', () => {
  it('opens this route to any origin, sandboxed frames too, and no other write', async () => {
    await create('rep-cors');
    for (const origin of ['https://news.example', 'null']) {
      const pre = await call('/v1/factboxes/rep-cors/reports', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
      expect(pre.headers.get('access-control-allow-methods')).toBe('POST');
      expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
      const res = await report('rep-cors', good(), { origin, 'cf-connecting-ip': nextIp() });
      expect(res.status).toBe(202);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
    // Every other write: no CORS, preflight or not.
    const writes: [string, string][] = [
      ['PUT', '/v1/factboxes/rep-cors'],
      ['DELETE', '/v1/factboxes/rep-cors'],
      ['POST', '/v1/factboxes/rep-cors/corrections'],
      ['POST', '/v1/factboxes/rep-cors/takedown'],
      ['PATCH', `/v1/factboxes/rep-cors/reports/${crypto.randomUUID()}`],
    ];
    for (const [method, path] of writes) {
      const pre = await call(path, { method: 'OPTIONS', headers: { origin: 'null', 'access-control-request-method': method } });
      expect(pre.headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull();
      const res = await call(path, {
        method,
        headers: { origin: 'null', authorization: `Bearer ${ALICE}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull();
    }
    // Other methods: 405 with what the route takes.
    const put = await call('/v1/factboxes/rep-cors/reports', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await call(`/v1/factboxes/rep-cors/reports/${crypto.randomUUID()}`, { method: 'GET' })).headers.get('allow')).toBe(
      'PATCH, OPTIONS',
    );
    // The editors' list is not shared with other origins either.
    expect((await list('rep-cors', '')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never lets a report reach a public response', async () => {
    await create('rep-leak');
    const text = 'LEAKCANARY the figure is wrong, says a reader.';
    const contact = 'leakcanary-reader@example.org';
    for (const target of ['', '/figures/0', '/views/1'])
      expect((await report('rep-leak', { target, revision: 1, text, contact }, { 'cf-connecting-ip': nextIp() })).status).toBe(202);
    const { id } = (await (
      await report('rep-leak', { target: '', revision: 1, text, contact }, { 'cf-connecting-ip': nextIp() })
    ).json()) as { id: string };
    await patch('rep-leak', id, { status: 'resolved', note: 'LEAKCANARY note' });
    const publicPaths = [
      '/v1/factboxes',
      '/v1/factboxes/rep-leak',
      '/v1/factboxes/rep-leak/revisions',
      '/v1/factboxes/rep-leak/revisions/1',
      '/v1/factboxes/rep-leak/revisions/1/changes',
      '/f/rep-leak',
      '/f/rep-leak?layout=compact',
      '/embed/rep-leak',
      '/embed/rep-leak?layout=full',
      '/f/rep-leak/history',
      '/f/rep-leak/history.atom',
      '/f/rep-leak/report',
      '/f/rep-leak/card.png',
      '/f/rep-leak/card-tall.png',
      `/oembed?url=${encodeURIComponent('https://factbox.test/f/rep-leak')}`,
      '/?slug=rep-leak',
      '/openapi.json',
      '/v1/factboxes/rep-leak/reports',
      `/v1/factboxes/rep-leak/reports/${id}`,
    ];
    for (const path of publicPaths) {
      const res = await call(path, { headers: { origin: 'https://news.example' } });
      const body = await res.text();
      expect(body, path).not.toContain('LEAKCANARY');
      expect(body, path).not.toContain('leakcanary');
      expect(body, path).not.toContain(id);
    }
  }, 60_000);
});
