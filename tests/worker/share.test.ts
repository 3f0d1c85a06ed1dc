import { describe, expect, it } from 'vitest';
import { call, DEFAULT_SLUG, errorOf, seed } from './helpers';

const meta = (html: string, attr: string, name: string) => new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`).exec(html)?.[1];
const jsonLdOf = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);

describe('GET /f/:slug', () => {
  it('is a standalone page with title, description, canonical, Open Graph and Twitter tags', async () => {
    const res = await call(`/f/${DEFAULT_SLUG}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>What does a defection mean? · Factbox</title>');
    expect(html).toContain(`<link rel="canonical" href="https://factbox.test/f/${DEFAULT_SLUG}"/>`);
    expect(meta(html, 'property', 'og:title')).toBe('What does a defection mean?');
    expect(meta(html, 'property', 'og:type')).toBe('article');
    expect(meta(html, 'property', 'og:url')).toBe(`https://factbox.test/f/${DEFAULT_SLUG}`);
    expect(meta(html, 'property', 'og:site_name')).toBe('Factbox');
    expect(meta(html, 'property', 'og:description')!.length).toBeLessThanOrEqual(201);
    expect(meta(html, 'name', 'twitter:card')).toBe('summary_large_image');
    // The share image of this revision, and it is a PNG of the stated size.
    const image = meta(html, 'property', 'og:image')!;
    expect(image).toBe(`https://factbox.test/f/${DEFAULT_SLUG}/revisions/1/card.png`);
    expect(meta(html, 'name', 'twitter:image')).toBe(image);
    expect(meta(html, 'property', 'og:image:width')).toBe('1200');
    expect(meta(html, 'property', 'og:image:height')).toBe('630');
    expect(meta(html, 'property', 'og:image:alt')).toContain('What does a defection mean?');
    const png = await call(new URL(image).pathname);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);
    expect(meta(html, 'name', 'description')).toBeTruthy();
    // One inline script of our own (fragment and print), allowed by its hash, and the report form
    // by its one immutable URL: nothing else.
    expect(res.headers.get('content-security-policy')).toMatch(
      /script-src 'sha256-[A-Za-z0-9+/=]+' https:\/\/factbox\.test\/report\.[0-9a-f]{10}\.js(;|$)/,
    );
  });

  it('carries oEmbed discovery in the server-rendered head, on /f/ and /embed/', async () => {
    for (const path of [`/f/${DEFAULT_SLUG}`, `/embed/${DEFAULT_SLUG}`]) {
      const html = await (await call(path)).text();
      const head = html.slice(0, html.indexOf('</head>'));
      const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]+)"\/>/.exec(head);
      expect(link, path).not.toBeNull();
      const href = new URL(link![1]!.replace(/&amp;/g, '&'));
      expect(href.pathname).toBe('/oembed');
      expect(href.searchParams.get('format')).toBe('json');
      expect(href.searchParams.get('url')).toBe(`https://factbox.test${path}`);
    }
  });

  it('describes the box in JSON-LD: question, answers, figures as claims with sources and dates, corrections', async () => {
    for (const path of [`/f/${DEFAULT_SLUG}`, `/embed/${DEFAULT_SLUG}`]) {
      const ld = jsonLdOf(await (await call(path)).text());
      expect(ld['@context']).toBe('https://schema.org');
      expect(ld.name).toBe('What does a defection mean?');
      expect(Date.parse(ld.dateModified)).not.toBeNaN();
      expect(ld.mainEntity['@type']).toBe('Question');
      expect(ld.mainEntity.suggestedAnswer.map((a: { author: { name: string } }) => a.author.name)).toEqual([
        'Jeong Joon-hee',
        'Stephan Haggard',
        'Yang Moojin',
        'Michael Madden',
      ]);
      // Each figure a Claim about an Observation (worker/factbox/claims.ts), citing its sources by id.
      const range = ld.hasPart.find((p: { about: { maxValue?: number } }) => p.about.maxValue !== undefined);
      expect(range.about).toMatchObject({ '@type': 'Observation', minValue: 3, maxValue: 7, observationDate: '2016-08' });
      const sources = new Map(ld.citation.map((s: { '@id': string }) => [s['@id'], s]));
      expect((sources.get(range.citation[0]['@id']) as { publisher: { name: string } }).publisher.name).toContain('NPR');
      expect(ld.hasPart.every((p: { citation: unknown[] }) => p.citation.length > 0)).toBe(true);
      expect(ld.correction[0]).toMatchObject({ '@type': 'CorrectionComment', datePublished: '2016-08-28' });
      expect(JSON.stringify(ld)).not.toMatch(/"url":"https?:\/\/(?!factbox\.test)/); // no invented source URL
    }
  });

  it('keeps JSON-LD and meta tags inert when content holds markup', async () => {
    await seed('ld-escape', { title: '</script><script>alert(1)</script>', summary: '"><img src=x onerror=alert(1)>' });
    const html = await (await call('/f/ld-escape')).text();
    expect(html.match(/<script/g)).toHaveLength(3); // the JSON-LD block, our constant script and report.js
    expect(html).toMatch(/<script src="https:\/\/factbox\.test\/report\.[0-9a-f]{10}\.js" defer><\/script><\/body>/);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(jsonLdOf(html).name).toBe('</script><script>alert(1)</script>');
    expect(html).not.toContain('<img');
    expect(meta(html, 'property', 'og:title')).toBe('&lt;/script>&lt;script>alert(1)&lt;/script>');
  });
});

describe('GET /oembed', () => {
  const oembed = (q: string) => call(`/oembed?${q}`);

  it('answers a rich oEmbed 1.0 response for /f/ and /embed/ URLs', async () => {
    for (const page of [`https://factbox.test/f/${DEFAULT_SLUG}`, `https://factbox.test/embed/${DEFAULT_SLUG}?theme=dark`]) {
      const res = await oembed(new URLSearchParams({ url: page, format: 'json' }).toString());
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const o = (await res.json()) as Record<string, unknown>;
      expect(o).toMatchObject({
        type: 'rich',
        version: '1.0',
        title: 'What does a defection mean?',
        provider_name: 'Factbox',
        provider_url: 'https://factbox.test',
        cache_age: 3600,
      });
      expect(typeof o.width).toBe('number');
      expect(typeof o.height).toBe('number');
      const html = o.html as string;
      expect(html).toMatch(
        /^<blockquote class="factbox-oembed"><a href="https:\/\/factbox.test\/f\/north-korea-defections">What does a defection mean\?<\/a><\/blockquote><iframe /,
      );
      expect(html).toContain('title="Fact box: What does a defection mean?"');
    }
  });

  it('keeps width and height within maxwidth and maxheight', async () => {
    const o = (await (
      await oembed(`url=${encodeURIComponent(`https://factbox.test/f/${DEFAULT_SLUG}`)}&maxwidth=320&maxheight=240`)
    ).json()) as { width: number; height: number; html: string };
    expect(o.width).toBeLessThanOrEqual(320);
    expect(o.height).toBeLessThanOrEqual(240);
    // The iframe itself fills its column, whatever the consumer keeps of its markup.
    expect(o.html).toContain('width="100%"');
    expect(o.html).not.toContain('style=');
    expect(o.html).not.toContain('wp-embedded-content');
  });

  it('answers 400 without url, 404 for another host or an unknown slug, 501 for xml', async () => {
    expect((await oembed('format=json')).status).toBe(400);
    expect((await oembed(`url=${encodeURIComponent('https://evil.example/f/north-korea-defections')}`)).status).toBe(404);
    expect((await oembed(`url=${encodeURIComponent('https://factbox.test.evil.example/f/north-korea-defections')}`)).status).toBe(404);
    expect((await oembed(`url=${encodeURIComponent('https://factbox.test/f/no-such-box')}`)).status).toBe(404);
    expect((await oembed(`url=${encodeURIComponent('https://factbox.test/v1/factboxes/north-korea-defections')}`)).status).toBe(404);
    const xml = await oembed(`url=${encodeURIComponent(`https://factbox.test/f/${DEFAULT_SLUG}`)}&format=xml`);
    expect(xml.status).toBe(501);
    expect((await errorOf(xml)).code).toBe('not_implemented');
  });
});

describe('GET / (embed builder)', () => {
  it('lists the boxes, renders the snippet server-side, and cannot be framed', async () => {
    const res = await call(`/?slug=${DEFAULT_SLUG}&method=iframe&theme=dark`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain(`<option value="${DEFAULT_SLUG}"`);
    expect(html).toContain(`&lt;iframe src=&quot;https://factbox.test/embed/${DEFAULT_SLUG}?theme=dark&quot;`);
    expect((await call('/builder.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('offers "always the latest" (the default) and "this version", which pins the snippet and the preview to the current revision', async () => {
    const latest = await (await call(`/?slug=${DEFAULT_SLUG}`)).text();
    expect(latest).toContain(`/embed/${DEFAULT_SLUG}.js&quot;`);
    expect(latest).not.toContain('data-revision=&quot;');
    const pinned = await (await call(`/?slug=${DEFAULT_SLUG}&version=this`)).text();
    expect(pinned).toContain(`data-revision=&quot;1&quot;`);
    expect(pinned).toContain(`/embed/${DEFAULT_SLUG}.js?revision=1&quot;`);
    expect(pinned).toMatch(/<fact-box[^>]* revision="1"/);
    expect(pinned).toMatch(/<input type="radio" name="version" value="this" checked/);
  });
});
