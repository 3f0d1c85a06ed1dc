import { describe, expect, it } from 'vitest';
import { CSS_VERSION, EMBED_HASH, EMBED_INTEGRITY } from '../../worker/generated/embed';
import { call, DEFAULT_SLUG, errorOf, seed } from './helpers';

describe('embed.js delivery', () => {
  it('serves embed.js with a short cache and CORS, and the pinned copy as immutable', async () => {
    const res = await call('/embed.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/max-age=300/);
    const code = await res.text();
    const pinned = await call(`/embed.${EMBED_HASH}.js`);
    expect(pinned.headers.get('cache-control')).toContain('immutable');
    expect(await pinned.text()).toBe(code);
    // The integrity value in the README form is the SHA-384 of exactly these bytes.
    const digest = await crypto.subtle.digest('SHA-384', new TextEncoder().encode(code));
    expect(EMBED_INTEGRITY).toBe(`sha384-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`);
    const manifest = (await (await call('/embed.json')).json()) as { src: string; integrity: string };
    expect(manifest).toEqual({ src: `https://factbox.test/embed.${EMBED_HASH}.js`, integrity: EMBED_INTEGRITY, crossorigin: 'anonymous' });
    const unknown = await call('/embed.0123456789.js');
    expect(unknown.status).toBe(404);
  });

  it('serves the stylesheet and the Korean labels', async () => {
    const css = await call(`/embed.css?v=${CSS_VERSION}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain(':host');
    const ko = await call('/i18n/ko.json');
    expect(((await ko.json()) as Record<string, string>).figures).toBe('핵심 수치');
    expect((await call('/i18n/xx.json')).status).toBe(404);
  });
});

describe('GET /embed/:slug', () => {
  it('is a complete page rendered on the edge, with its own CSP and resize script', async () => {
    const res = await call(`/embed/${DEFAULT_SLUG}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    // Our inline script by its hash, and the report form by its one immutable URL: nothing else.
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' https:\/\/factbox\.test\/report\.[0-9a-f]{10}\.js;/);
    expect(csp).toContain("connect-src 'self' https://factbox.test;");
    expect(csp).toMatch(/style-src 'sha256-/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('frame-ancestors *');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="en" data-slug="north-korea-defections" data-report-revision="1">/);
    expect(html).toContain('<title>What does a defection mean?</title>');
    expect(html).toContain('<h1 id="fb-north-korea-defections-title">');
    expect(html).toContain('factbox:resize');
    // The inline script's hash in the CSP is the hash of the script actually in the page.
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(script));
    expect(csp).toContain(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
  });

  it('honours theme and lang, and has a strong ETag per variant with 304', async () => {
    const dark = await call(`/embed/${DEFAULT_SLUG}?theme=dark&lang=ko`);
    const html = await dark.text();
    expect(html).toContain('data-theme="dark"');
    expect(html).toContain('핵심 수치');
    const light = await call(`/embed/${DEFAULT_SLUG}?theme=light`);
    expect(light.headers.get('etag')).not.toBe(dark.headers.get('etag'));
    const again = await call(`/embed/${DEFAULT_SLUG}?theme=light`, { headers: { 'if-none-match': light.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('renders stored markup as text', async () => {
    await seed('embed-escapes', { title: '<script>alert(1)</script>', summary: '<img src=x onerror=alert(1)>' });
    const html = await (await call('/embed/embed-escapes')).text();
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('<img');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('answers 404 for an unknown slug with a page a reader can read, and 400 for a malformed one', async () => {
    const missing = await call('/embed/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await missing.text()).toContain('No such fact box');
    expect((await errorOf(await call('/embed/BAD!'))).code).toBe('bad_slug');
  });
});

describe('links that work inside a sandboxed embed', () => {
  it('/embed/ links to the whole box and to the report page, both on its own origin', async () => {
    const html = await (await call(`/embed/${DEFAULT_SLUG}`)).text();
    expect(html).toContain(`href="https://factbox.test/f/${DEFAULT_SLUG}"`);
    expect(html).toContain(`href="https://factbox.test/f/${DEFAULT_SLUG}/report"`);
    expect(html).not.toContain('href="mailto:');
    // Each "Report an error" control works without JavaScript too: a link to the report page, for its part.
    expect(html).toContain(
      `<a class="rb" data-report="/figures/1" aria-label="Report an error: Defections from North Korea's diplomatic posts abroad in 2016" href="https://factbox.test/f/${DEFAULT_SLUG}/report?target=%2Ffigures%2F1" target="_blank"></a>`,
    );
    expect(html).toContain(`href="https://factbox.test/f/${DEFAULT_SLUG}/report?target=%2Fviews%2F3"`);
    const page = await (await call(`/f/${DEFAULT_SLUG}`)).text();
    expect(page).toContain(`href="/f/${DEFAULT_SLUG}/report?target=%2Ffigures%2F0"`);
  });

  it("the report page says what happens to a report and opens the newsroom's address from there", async () => {
    const res = await call(`/f/${DEFAULT_SLUG}/report`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Report an error');
    expect(html).toMatch(/href="mailto:corrections@factbox\.example\?subject=Error%20in%20the%20fact%20box%20/);
    expect(html).toContain('A report sent here is not published');
    expect(html).toContain('only until the report is closed');
    expect(html).toContain('noindex');
    expect((await call('/f/no-such-box/report')).status).toBe(404);
  });
});
