import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenD1, call, DEFAULT_SLUG, errorOf, seed } from './helpers';

describe('when D1 fails', () => {
  it('serves the last good copy of a box it has served before, marked stale', async () => {
    await seed('stale-if-error');
    const good = await call('/v1/factboxes/stale-if-error');
    expect(good.status).toBe(200);
    const goodBody = await good.text();
    // Expire the fresh copy the way a write does, leaving only the last good one behind.
    await (caches as unknown as { default: Cache }).default.delete(new Request('https://factbox.test/v1/factboxes/stale-if-error'));
    const res = await call('/v1/factboxes/stale-if-error', {}, { DB: brokenD1() });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-factbox-stale')).toBe('1');
    expect(await res.text()).toBe(goodBody);
  });

  it('answers 503 with Retry-After and no stack trace when it has no copy', async () => {
    const res = await call('/v1/factboxes/never-served-before', {}, { DB: brokenD1('D1_ERROR: secret internals at line 42') });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const text = await res.clone().text();
    expect(text).not.toMatch(/secret internals|at line|\.ts:\d+/);
    expect((await errorOf(res)).code).toBe('unavailable');
    const list = await call('/v1/factboxes?limit=7', {}, { DB: brokenD1() });
    expect(list.status).toBe(503);
  });
});

describe('no path or slug yields a 5xx', () => {
  it('holds for arbitrary paths, slugs and query strings', async () => {
    const segment = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.stringMatching(/^[a-z0-9-]{0,70}$/),
      fc.constantFrom('%', '%E0%A4%A', '..', '%00', '%2F', '\u202e', '🙂', DEFAULT_SLUG),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/factboxes/', '/v1/factboxes', '/v1/', '/', '/healthz/', '/v1/schema.json/'),
        segment,
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'POST', 'PATCH', 'TRACE'),
        async (prefix, seg, query, method) => {
          const path = prefix + encodeURI(seg).replace(/%25/g, '%') + (query === undefined ? '' : `?${query}`);
          let url: URL;
          try {
            url = new URL(path, 'https://factbox.test');
          } catch {
            return; // not a URL any client could send
          }
          const res = await call(url.pathname + url.search, { method });
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
          if (res.status >= 400 && method !== 'HEAD') expect((await errorOf(res)).code).toBeTruthy();
        },
      ),
      { numRuns: 300 },
    );
  });
});
