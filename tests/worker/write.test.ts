import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../../worker/factbox/schema';
import { ALICE, BOB, call, create, DEFAULT_SLUG, editable, errorOf, put, rows } from './helpers';

/** Corrections are dated on a day that has come, not before the box was created. */
const today = new Date().toISOString().slice(0, 10);

describe('auth', () => {
  it('answers 401 with WWW-Authenticate for missing, malformed, wrong and different-length tokens', async () => {
    const body = await editable();
    for (const authorization of [
      undefined,
      'Basic abc',
      'Bearer',
      `Bearer ${ALICE.slice(0, -1)}X`,
      'Bearer x',
      `Bearer ${ALICE}extra`,
      `Token ${ALICE}`,
    ]) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'if-none-match': '*' };
      if (authorization) headers.authorization = authorization;
      const res = await call('/v1/factboxes/auth-check', { method: 'PUT', headers, body: JSON.stringify(body) });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="factbox"/);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect((await errorOf(res)).code).toBe('unauthorized');
    }
    expect(await rows('auth-check')).toEqual([]);
  });

  it('accepts two tokens at once (rotation) and records who wrote each revision', async () => {
    const etag = await create('rotation');
    const res = await put('rotation', await editable(), { 'if-match': etag }, BOB);
    expect(res.status).toBe(200);
    const { revisions } = (await (await call('/v1/factboxes/rotation/revisions')).json()) as {
      revisions: { revision: number; author: string }[];
    };
    expect(revisions.map((r) => [r.revision, r.author])).toEqual([
      [1, 'alice'],
      [2, 'bob'],
    ]);
  });

  it('refuses writes with a clear error when FACTBOX_TOKENS is not set, and reads still work', async () => {
    const res = await call(
      '/v1/factboxes/no-secret',
      { method: 'PUT', headers: { authorization: `Bearer ${ALICE}` } },
      { FACTBOX_TOKENS: undefined },
    );
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('writes_disabled');
    expect((await call(`/v1/factboxes/${DEFAULT_SLUG}`, {}, { FACTBOX_TOKENS: undefined })).status).toBe(200);
  });

  it('rate-limits writes per token with 429 and Retry-After', async () => {
    const bindings = { FACTBOX_WRITES_PER_MINUTE: '3', FACTBOX_TOKENS: 'limited:limited-token-0123456789' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(
        '/v1/factboxes/rate-limit',
        { method: 'DELETE', headers: { authorization: 'Bearer limited-token-0123456789', 'if-match': '"x"' } },
        bindings,
      );
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });
});

describe('conditional writes', () => {
  it('creates with If-None-Match: * (201), and refuses to create twice (412)', async () => {
    const res = await put('created', await editable(), { 'if-none-match': '*' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/factboxes/created');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const box = (await res.json()) as { slug: string; revision: number; updatedAt: string };
    expect(box).toMatchObject({ slug: 'created', revision: 1 });
    const again = await put('created', await editable(), { 'if-none-match': '*' });
    expect(again.status).toBe(412);
  });

  it('updates with If-Match (200 and a new ETag), 412 with the current ETag when stale, 428 without', async () => {
    const etag = await create('updated');
    const changed = { ...(await editable()), title: 'A new title' };
    const res = await put('updated', changed, { 'if-match': etag });
    expect(res.status).toBe(200);
    const newEtag = res.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);
    const stale = await put('updated', changed, { 'if-match': etag });
    expect(stale.status).toBe(412);
    const err = (await stale.json()) as { error: { code: string; currentEtag: string } };
    expect(err.error.currentEtag).toBe(newEtag);
    const missing = await put('updated', changed);
    expect(missing.status).toBe(428);
    // Every read path shows the new revision on its next request.
    const read = await call('/v1/factboxes/updated');
    expect(read.headers.get('etag')).toBe(newEtag);
    expect(((await read.json()) as { title: string }).title).toBe('A new title');
    expect(await (await call('/embed/updated')).text()).toContain('A new title');
  });

  it('lets exactly one of 20 concurrent PUTs with the same If-Match win', async () => {
    const etag = await create('race');
    const base = await editable();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => put('race', { ...base, title: `Edit ${i}` }, { 'if-match': etag })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    expect(await rows('race')).toHaveLength(2);
  });

  it('returns a D1 bookmark that a later read can send back to see the write', async () => {
    const res = await put('bookmarked', await editable(), { 'if-none-match': '*' });
    const bookmark = res.headers.get('x-d1-bookmark');
    expect(bookmark).toBeTruthy();
    const read = await call('/v1/factboxes/bookmarked', { headers: { 'x-d1-bookmark': bookmark! } });
    expect(read.status).toBe(200);
    expect(read.headers.get('x-d1-bookmark')).toBeTruthy();
  });
});

describe('corrections are permanent', () => {
  it('appends a correction with POST and bumps the revision', async () => {
    await create('corrected');
    const res = await call('/v1/factboxes/corrected/corrections', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ALICE}` },
      body: JSON.stringify({ text: 'The figure for 2016 was revised.', date: today }),
    });
    expect(res.status).toBe(201);
    const box = (await res.json()) as { revision: number; corrections: { date: string; text: string }[] };
    expect(box.revision).toBe(2);
    expect(box.corrections.at(-1)).toEqual({ date: today, text: 'The figure for 2016 was revised.' });
  });

  it('refuses a PUT that drops or edits an existing correction (409) and keeps state', async () => {
    const etag = await create('permanent');
    const before = await rows('permanent');
    const base = await editable();
    const dropped = await put('permanent', { ...base, corrections: [] }, { 'if-match': etag });
    expect(dropped.status).toBe(409);
    expect((await errorOf(dropped)).problems?.[0]?.path).toBe('/corrections/0');
    const edited = await put(
      'permanent',
      { ...base, corrections: [{ date: '2016-08-28', text: 'Something else.' }] },
      { 'if-match': etag },
    );
    expect(edited.status).toBe(409);
    expect(await rows('permanent')).toEqual(before);
    const added = await put(
      'permanent',
      { ...base, corrections: [...(base.corrections as object[]), { date: today, text: 'Added.' }] },
      { 'if-match': etag },
    );
    expect(added.status).toBe(200);
  });
});

describe('archive and restore', () => {
  it('archives with DELETE (reads answer 410), keeps the revisions, and restores with If-None-Match: *', async () => {
    const etag = await create('archived');
    expect((await call('/v1/factboxes/archived')).status).toBe(200);
    const noMatch = await call('/v1/factboxes/archived', { method: 'DELETE', headers: { authorization: `Bearer ${ALICE}` } });
    expect(noMatch.status).toBe(428);
    const del = await call('/v1/factboxes/archived', { method: 'DELETE', headers: { authorization: `Bearer ${ALICE}`, 'if-match': etag } });
    expect(del.status).toBe(204);
    const gone = await call('/v1/factboxes/archived');
    expect(gone.status).toBe(410);
    expect((await errorOf(gone)).code).toBe('gone');
    expect((await call('/embed/archived')).status).toBe(410);
    const list = (await (await call('/v1/factboxes?limit=200')).json()) as { items: { slug: string }[] };
    expect(list.items.map((i) => i.slug)).not.toContain('archived');
    const history = (await (await call('/v1/factboxes/archived/revisions')).json()) as { revisions: { state: string }[] };
    expect(history.revisions.map((r) => r.state)).toEqual(['live', 'archived']);
    const restored = await put('archived', await editable(), { 'if-none-match': '*' });
    expect(restored.status).toBe(201);
    expect(((await restored.json()) as { revision: number }).revision).toBe(3);
    expect((await call('/v1/factboxes/archived')).status).toBe(200);
  });
});

describe('revisions', () => {
  it('are retrievable byte for byte', async () => {
    const created = await put('history', await editable(), { 'if-none-match': '*' });
    const first = await created.text();
    const second = await (
      await put('history', { ...(await editable()), title: 'Second' }, { 'if-match': created.headers.get('etag')! })
    ).text();
    expect(await (await call('/v1/factboxes/history/revisions/1')).text()).toBe(first);
    expect(await (await call('/v1/factboxes/history/revisions/2')).text()).toBe(second);
    expect((await call('/v1/factboxes/history/revisions/3')).status).toBe(404);
    expect((await call('/v1/factboxes/history/revisions/0')).status).toBe(400);
  });
});

describe('validation', () => {
  it('reports every problem at once with JSON Pointer paths, and writes nothing', async () => {
    const base = (await editable()) as { figures: { sourceIds: string[] }[]; views: unknown[] };
    const bad = {
      ...base,
      title: '',
      figures: base.figures.map((f, i) => (i === 2 ? { ...f, sourceIds: ['npr3'] } : f)),
      sources: [{ id: 'npr', title: 'T', publisher: 'P', published: '2016-08', url: 'javascript:alert(1)' }],
      extra: true,
    };
    const res = await put('invalid', bad, { 'if-none-match': '*' });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('invalid_box');
    const paths = err.problems!.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/title', '/sources/0/url', '/extra']));
    expect(await rows('invalid')).toEqual([]);
    // Cross-field rules come once the fields themselves are valid.
    const dangling = await put('invalid', { ...base, figures: bad.figures }, { 'if-none-match': '*' });
    expect((await errorOf(dangling)).problems).toEqual([{ path: '/figures/2/sourceIds/0', message: 'no source "npr3" in this box' }]);
  });

  it('refuses a figure beyond ±10^13 (a larger unit is the way), with its path', async () => {
    const base = (await editable()) as { figures: Record<string, unknown>[] };
    const figures = base.figures.map((f, i) => (i === 0 ? { ...f, value: 3.6e13 } : f));
    const res = await put('too-big', { ...base, figures }, { 'if-none-match': '*' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).problems?.map((p) => p.path)).toEqual(['/figures/0/value']);
    expect(await rows('too-big')).toEqual([]);
  });

  it('refuses URL payloads, wrong content types, bad JSON and oversized bodies', async () => {
    const base = await editable();
    for (const url of [
      'javascript:alert(1)',
      ' JaVa\tscript:alert(1)',
      'javasc\nript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
    ]) {
      const res = await put('urls', { ...base, feedback: url }, { 'if-none-match': '*' });
      expect(res.status, url).toBe(400);
      expect((await errorOf(res)).problems?.[0]?.path).toBe('/feedback');
    }
    const text = await call('/v1/factboxes/urls', {
      method: 'PUT',
      headers: { authorization: `Bearer ${ALICE}`, 'content-type': 'text/plain', 'if-none-match': '*' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    const broken = await put('urls', '{"title": ', { 'if-none-match': '*' });
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe('invalid_json');
    const big = JSON.stringify({ ...base, summary: 'x'.repeat(MAX_REQUEST_BYTES) });
    expect((await put('urls', big, { 'if-none-match': '*' })).status).toBe(413);
    // Without Content-Length: a streamed body is counted as it arrives.
    const { readable, writable } = new TransformStream();
    const w = writable.getWriter();
    // The server stops reading at the limit, so the writer sees its stream cancelled.
    w.write(new TextEncoder().encode(big))
      .then(() => w.close())
      .catch(() => {});
    const streamed = await call('/v1/factboxes/urls', {
      method: 'PUT',
      headers: { authorization: `Bearer ${ALICE}`, 'content-type': 'application/json', 'if-none-match': '*' },
      body: readable,
      // @ts-expect-error duplex is required by fetch for a streamed body
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
    expect(await rows('urls')).toEqual([]);
  });

  it('stores markup as text and serves it escaped', async () => {
    await create('markup', { title: '<script>alert(1)</script>', summary: '<img src=x onerror=alert(1)>' });
    const json = (await (await call('/v1/factboxes/markup')).json()) as { title: string };
    expect(json.title).toBe('<script>alert(1)</script>');
    const html = await (await call('/embed/markup')).text();
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('<img src=x');
  });

  it('never answers 5xx to random or near-valid bodies, and changes state only on 2xx', async () => {
    const base = await editable();
    const nearValid = fc.record({
      field: fc.constantFrom(...Object.keys(base), 'slug', 'revision', 'bogus'),
      value: fc.oneof(
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.object(),
        fc.constant('javascript:alert(1)'),
      ),
    });
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          nearValid.map((m) => JSON.stringify({ ...base, [m.field]: m.value })),
          fc.string(),
          fc.json(),
        ),
        async (body) => {
          const before = await rows('fuzzed');
          const res = await put('fuzzed', body, { 'if-none-match': '*' });
          expect(res.status).toBeLessThan(500);
          if (res.status === 201) {
            created++;
            const after = await rows('fuzzed');
            expect(after).toHaveLength(before.length + 1);
            // Start again from nothing: archive, so the next create is a restore.
            const etag = res.headers.get('etag')!;
            expect(
              (await call('/v1/factboxes/fuzzed', { method: 'DELETE', headers: { authorization: `Bearer ${ALICE}`, 'if-match': etag } }))
                .status,
            ).toBe(204);
          } else {
            expect((await errorOf(res)).code).toBeTruthy();
            expect(await rows('fuzzed')).toEqual(before);
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(created).toBeGreaterThanOrEqual(0);
  });
});

it('leaves the env untouched', () => {
  expect(env.FACTBOX_TOKENS).toContain('alice:');
});
