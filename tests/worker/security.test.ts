// Hostile conditions for the worker: storage faults, headers, limits, Unicode, and 10,000
// fuzzed requests. What each found is recorded in SECURITY.md.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../worker/factbox/schema';
import {
  ALICE,
  brokenD1,
  call,
  create,
  DEFAULT_SLUG,
  editable,
  errorOf,
  failingWrites,
  hangingD1,
  put,
  revisionCount,
  rows,
} from './helpers';

const FAST = { FACTBOX_D1_TIMEOUT_MS: '50' };
const auth = { authorization: `Bearer ${ALICE}`, 'content-type': 'application/json' };

async function noTrace(res: Response) {
  expect(await res.clone().text()).not.toMatch(/at \w+ \(|\.ts:\d+|\.js:\d+|D1_ERROR|disk I\/O|stack/i);
}

describe('storage faults', () => {
  it('a read with D1 hanging gives up: the last good copy, else 503 with Retry-After', async () => {
    expect((await call(`/v1/factboxes/${DEFAULT_SLUG}`)).status).toBe(200); // keeps a last good copy
    await (caches as unknown as { default: Cache }).default.delete(new Request(`https://factbox.test/v1/factboxes/${DEFAULT_SLUG}`));
    const served = await call(`/v1/factboxes/${DEFAULT_SLUG}`, {}, { DB: hangingD1(), ...FAST });
    expect(served.status).toBe(200);
    expect(served.headers.get('x-factbox-stale')).toBe('1');
    for (const DB of [hangingD1(), brokenD1()]) {
      const none = await call('/v1/factboxes/not-cached-anywhere', {}, { DB, ...FAST });
      expect(none.status).toBe(503);
      expect(none.headers.get('retry-after')).toBeTruthy();
      await noTrace(none);
    }
  });

  it('a write with D1 throwing, hanging or failing at the INSERT answers 503 and changes nothing', async () => {
    const etag = await create('write-faults');
    const before = await rows('write-faults');
    const body = JSON.stringify({ ...(await editable()), title: 'Changed' });
    for (const DB of [brokenD1(), hangingD1(), failingWrites()]) {
      for (const [path, method, payload, headers] of [
        ['/v1/factboxes/write-faults', 'PUT', body, { 'if-match': etag }],
        ['/v1/factboxes/write-faults/corrections', 'POST', JSON.stringify({ text: 'A correction.' }), {}],
        ['/v1/factboxes/write-faults', 'DELETE', undefined, { 'if-match': etag }],
      ] as const) {
        const res = await call(path, { method, body: payload, headers: { ...auth, ...headers } }, { DB, ...FAST });
        expect(res.status, `${method} with ${DB === undefined ? '' : 'a failing D1'}`).toBe(503);
        expect(res.headers.get('retry-after')).toBeTruthy();
        expect((await errorOf(res.clone())).code).toBe('unavailable');
        await noTrace(res);
      }
    }
    expect(await rows('write-faults')).toEqual(before);
  });
});

describe('headers', () => {
  it('public reads carry no Set-Cookie and no Vary that would split the edge cache', async () => {
    for (const path of [
      `/v1/factboxes/${DEFAULT_SLUG}`,
      '/v1/factboxes',
      `/embed/${DEFAULT_SLUG}`,
      `/f/${DEFAULT_SLUG}`,
      '/embed.js',
      '/v1/schema.json',
      `/oembed?url=https://factbox.test/f/${DEFAULT_SLUG}`,
    ]) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('set-cookie'), path).toBeNull();
      expect(res.headers.get('vary') ?? '', path).not.toMatch(/cookie|authorization|user-agent|origin|\*/i);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('pages send their own CSP (no inline script without a hash), nosniff and a Referrer-Policy', async () => {
    for (const path of [`/embed/${DEFAULT_SLUG}`, `/f/${DEFAULT_SLUG}`, '/']) {
      const res = await call(path);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toMatch(/script-src ('sha256-[^']+'|'none'|'self')/);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    const builder = await call('/');
    expect(builder.headers.get('x-frame-options')).toBe('DENY');
    expect(builder.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('authenticated requests are never cached, and writes carry no CORS header', async () => {
    const read = await call(`/v1/factboxes/${DEFAULT_SLUG}`, { headers: { authorization: `Bearer ${ALICE}` } });
    expect(read.headers.get('cache-control')).toBe('private, no-store');
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const write = await put('cors-write', await editable(), { 'if-none-match': '*', origin: 'https://evil.example' });
    expect(write.status).toBe(201);
    expect(write.headers.get('access-control-allow-origin')).toBeNull();
    expect(write.headers.get('cache-control')).toBe('private, no-store');
    const preflight = await call('/v1/factboxes/cors-write', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // The one public write, a reader's error report, is open to any origin (sandboxed frames'
    // "null" too) and to no other method: a preflight for PUT on the same path gets nothing.
    const ask = (path: string, method: string) =>
      call(path, { method: 'OPTIONS', headers: { origin: 'null', 'access-control-request-method': method } });
    const report = await ask('/v1/factboxes/cors-write/reports', 'POST');
    expect(report.headers.get('access-control-allow-origin')).toBe('*');
    expect(report.headers.get('access-control-allow-methods')).toBe('POST');
    for (const [path, method] of [
      ['/v1/factboxes/cors-write/reports', 'PUT'],
      ['/v1/factboxes/cors-write', 'POST'],
      ['/v1/factboxes/cors-write/corrections', 'POST'],
    ])
      expect((await ask(path!, method!)).headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull();
  });
});

describe('limits', () => {
  it('refuses a box over any list or string bound with 400 and the path', async () => {
    const base = (await editable()) as Record<string, unknown> & {
      figures: object[];
      views: object[];
      sources: object[];
      timeline: object[];
      corrections: object[];
    };
    const many = <T>(item: T, n: number) => Array.from({ length: n }, (_, i) => ({ ...(item as object), id: `x${i}` }));
    const cases: [string, Record<string, unknown>][] = [
      ['/figures', { figures: many(base.figures[0], LIMITS.figures + 1) }],
      ['/views', { views: many(base.views[0], LIMITS.views + 1) }],
      ['/sources', { sources: many(base.sources[0], LIMITS.sources + 1) }],
      ['/timeline', { timeline: Array(LIMITS.timeline + 1).fill(base.timeline[0]) }],
      ['/corrections', { corrections: Array(LIMITS.corrections + 1).fill(base.corrections[0]) }],
      ['/title', { title: 'x'.repeat(LIMITS.shortText + 1) }],
      ['/summary', { summary: 'x'.repeat(LIMITS.longText + 1) }],
      ['/watch', { watch: 'x'.repeat(LIMITS.longText + 1) }],
      ['/about', { about: 'x'.repeat(LIMITS.longText + 1) }],
      ['/figures/0/label', { figures: [{ ...base.figures[0], label: 'x'.repeat(LIMITS.shortText + 1) }] }],
      ['/figures/0/sourceIds', { figures: [{ ...base.figures[0], sourceIds: Array(LIMITS.sourceIds + 1).fill('npr') }] }],
      ['/views/0/headline', { views: [{ ...base.views[0], headline: 'x'.repeat(81) }] }],
      ['/views/0/quote', { views: [{ ...base.views[0], quote: 'x'.repeat(LIMITS.longText + 1) }] }],
      ['/sources/0/url', { sources: [{ ...base.sources[0], url: `https://example.com/${'x'.repeat(2100)}` }] }],
    ];
    for (const [path, patch] of cases) {
      const res = await put('bounds', { ...base, ...patch }, { 'if-none-match': '*' });
      expect(res.status, path).toBe(400);
      expect(
        (await errorOf(res)).problems?.map((p) => p.path),
        path,
      ).toContain(path);
    }
    expect(await rows('bounds')).toEqual([]);
  });

  it('refuses NUL, controls and lone surrogates; keeps RTL overrides and emoji as text; never a 5xx', async () => {
    const base = await editable();
    const refused = ['a\u0000b', 'bell\u0007', 'lone \ud800 surrogate', 'lone \udc00 low'];
    for (const title of refused) {
      const res = await put('unicode', { ...base, title }, { 'if-none-match': '*' });
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect((await errorOf(res)).problems?.[0]?.path).toBe('/title');
    }
    const kept = '\u202eevil\u202c 🇰🇷🙂 \u200f<b>';
    const res = await put('unicode', { ...base, title: kept }, { 'if-none-match': '*' });
    expect(res.status).toBe(201);
    const html = await (await call('/embed/unicode')).text();
    expect(html).toContain('\u202eevil\u202c 🇰🇷🙂 \u200f&lt;b>');
  });
});

describe('fuzzing', () => {
  it('10,000 requests (methods, paths, headers, bodies, near-valid boxes): no 5xx, every 4xx has a code, state changes only on 2xx', async () => {
    const base = await editable();
    const slug = fc.oneof(
      fc.constantFrom(DEFAULT_SLUG, 'fuzz-a', 'fuzz-b', 'Bad_Slug', '', '..', '%2e%2e', 'a'.repeat(70)),
      fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    );
    const path = fc.oneof(
      slug.map((s) => `/v1/factboxes/${s}`),
      slug.map((s) => `/v1/factboxes/${s}/corrections`),
      fc
        .tuple(slug, fc.oneof(fc.nat(5).map(String), fc.string({ maxLength: 5 })))
        .map(([s, n]) => `/v1/factboxes/${s}/revisions/${encodeURIComponent(n)}`),
      slug.map((s) => `/embed/${s}`),
      slug.map((s) => `/f/${s}`),
      fc.string({ maxLength: 30 }).map((u) => `/oembed?url=${encodeURIComponent(u)}`),
      fc.constantFrom(
        '/',
        '/v1/factboxes',
        '/v1/factboxes?limit=999',
        '/v1/factboxes?cursor=zz',
        '/openapi.json',
        '/embed.js',
        '/i18n/ko.json',
        '/nope',
      ),
      fc.webPath().map((p) => p || '/'),
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.json(),
      fc.string({ maxLength: 50 }),
      fc
        .record({ field: fc.constantFrom(...Object.keys(base), 'slug', 'revision', 'extra'), value: fc.jsonValue({ maxDepth: 2 }) })
        .map(({ field, value }) => JSON.stringify({ ...base, [field]: value })),
      fc.constant(JSON.stringify(base)),
      fc
        .record({ text: fc.string({ maxLength: 20 }), date: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }) })
        .map((c) => JSON.stringify(c)),
    );
    const validWrite = { authorization: `Bearer ${ALICE}`, 'content-type': 'application/json', 'if-none-match': '*' };
    const randomHeaders = fc.record(
      {
        authorization: fc.constantFrom(`Bearer ${ALICE}`, 'Bearer nope', 'Basic x', `Bearer ${ALICE}x`, ''),
        'content-type': fc.constantFrom('application/json', 'text/plain', 'application/merge-patch+json', ''),
        'if-match': fc.constantFrom('*', '"x"', 'W/"x"', ''),
        'if-none-match': fc.constantFrom('*', '"x"', ''),
        'x-d1-bookmark': fc.constantFrom('garbage', ''),
      },
      { requiredKeys: [] },
    );
    // One request in five carries what a real editor's write does, so accepted writes happen too.
    const headers = fc.oneof({ arbitrary: randomHeaders, weight: 4 }, { arbitrary: fc.constant(validWrite), weight: 1 });
    const anything = fc.tuple(fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'), path, headers, body);
    // One request in twenty is a valid create of a new box, so that accepted writes certainly
    // happen among the rest (by chance alone they are rare enough that a run could have none).
    const create = fc.tuple(
      fc.constant('PUT'),
      fc.stringMatching(/^[a-z0-9]{10}$/).map((s) => `/v1/factboxes/fz-${s}`),
      fc.constant(validWrite as Record<string, string>),
      fc.constant(JSON.stringify(base) as string | undefined),
    );
    const request = fc.oneof({ arbitrary: anything, weight: 19 }, { arbitrary: create, weight: 1 });
    let requests = 0;
    let runs = 0;
    let written = 0;
    await fc.assert(
      fc.asyncProperty(request, async ([method, p, h, b]) => {
        const before = await revisionCount();
        // One client address per request: the fuzz is many clients, not one failing to authenticate.
        const client = `198.18.${(runs >> 8) & 255}.${runs++ & 255}`;
        const init: RequestInit = {
          method,
          headers: { 'cf-connecting-ip': client, ...Object.fromEntries(Object.entries(h).filter(([, v]) => v !== '')) },
        };
        if (b !== undefined && method !== 'GET' && method !== 'HEAD') init.body = b;
        let res: Response;
        try {
          res = await call(p, init);
        } catch (err) {
          if (err instanceof TypeError && /URL|Invalid/.test(err.message)) return; // not a request a client could send
          throw err;
        }
        requests++;
        expect(res.status, `${method} ${p}`).toBeLessThan(500);
        // A box page that is gone is a page a reader can read; every other error is JSON with a code.
        const page = /^\/(embed|f)\/[a-z0-9-]+$/.test(p) && [404, 410, 451].includes(res.status);
        if (page) expect(res.headers.get('content-type'), `${method} ${p}`).toMatch(/^text\/html/);
        if (res.status >= 400 && method !== 'HEAD' && !page) expect((await errorOf(res)).code, `${method} ${p}`).toMatch(/^[a-z_]+$/);
        else await res.arrayBuffer();
        const after = await revisionCount();
        if (res.status >= 200 && res.status < 300 && ['PUT', 'POST', 'DELETE'].includes(method)) {
          expect(after - before).toBeLessThanOrEqual(1);
          written += after - before;
        } else {
          expect(after, `${method} ${p} → ${res.status} changed state`).toBe(before);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(requests).toBeGreaterThan(9_000);
    expect(written).toBeGreaterThan(0);
    console.log(`fuzz: ${requests} requests, ${written} writes accepted`);
  }, 300_000);
});

describe('URL payloads', () => {
  it('refuses every URL payload of the corpus in every URL field with 400 and the path', async () => {
    const { url } = (await import('../fixtures/xss-payloads.json')).default as { url: { from: string; payload: string }[] };
    const base = (await editable()) as Record<string, unknown> & { sources: object[] };
    for (const { from, payload } of url) {
      const viaSource = await put('url-payloads', { ...base, sources: [{ ...base.sources[0], url: payload }] }, { 'if-none-match': '*' });
      expect(viaSource.status, from).toBe(400);
      expect(
        (await errorOf(viaSource)).problems?.map((p) => p.path),
        from,
      ).toContain('/sources/0/url');
      const viaFeedback = await put('url-payloads', { ...base, feedback: payload }, { 'if-none-match': '*' });
      expect(viaFeedback.status, from).toBe(400);
      expect(
        (await errorOf(viaFeedback)).problems?.map((p) => p.path),
        from,
      ).toContain('/feedback');
    }
    expect(await rows('url-payloads')).toEqual([]);
  });
});
