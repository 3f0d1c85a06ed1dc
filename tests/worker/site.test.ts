// What crawlers and audits expect of a site: icons, robots.txt, and /embed/ pointing at /f/.
import { describe, expect, it } from 'vitest';
import { call, DEFAULT_SLUG } from './helpers';

describe('housekeeping for crawlers and audits', () => {
  it('serves a favicon (ICO with a PNG inside, and SVG) and robots.txt', async () => {
    const ico = await call('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]); // ICO, one or more images
    expect([...bytes.slice(22, 26)]).toEqual([0x89, 0x50, 0x4e, 0x47]); // the image is a PNG
    const svg = await call('/favicon.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg /);
    const robots = await call('/robots.txt');
    expect(await robots.text()).toMatch(/^User-agent: \*\nAllow: \/\n$/);
  });

  it('/embed/ is not indexed, describes the box and names /f/ as its canonical page; every page links its icon', async () => {
    const html = await (await call(`/embed/${DEFAULT_SLUG}`)).text();
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toMatch(/<meta name="description" content="[^"]{40,}"\/>/);
    expect(html).toContain(`<link rel="canonical" href="https://factbox.test/f/${DEFAULT_SLUG}"/>`);
    for (const path of [`/embed/${DEFAULT_SLUG}`, `/f/${DEFAULT_SLUG}`, '/'])
      expect(await (await call(path)).text(), path).toContain('<link rel="icon" href="/favicon.svg"');
  });
});
