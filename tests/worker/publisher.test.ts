// The newsroom's identity (FACTBOX_PUBLISHER_* vars), the byline and the publication date, as
// link-preview clients and search engines read them.
import { describe, expect, it } from 'vitest';
import { call, create, DEFAULT_SLUG } from './helpers';

const NEWSROOM = {
  FACTBOX_PUBLISHER_NAME: 'The Daily Example',
  FACTBOX_PUBLISHER_URL: 'https://daily.example',
  FACTBOX_PUBLISHER_LOGO: 'https://daily.example/logo.png',
};
const meta = (html: string, attr: string, name: string) => new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`).exec(html)?.[1];
const ld = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);

describe('the newsroom, the byline and the dates', () => {
  it("names the configured newsroom in Open Graph, JSON-LD, oEmbed and the page title; the box's byline as its author", async () => {
    const slug = 'daily-example';
    await create(slug, { byline: { name: 'Kim Ji-won', url: 'https://daily.example/staff/kim' } });
    const html = await (await call(`/f/${slug}`, {}, NEWSROOM)).text();
    expect(meta(html, 'property', 'og:site_name')).toBe('The Daily Example');
    expect(html).toContain('· The Daily Example</title>');
    expect(meta(html, 'property', 'og:locale')).toBe('en_US');
    expect(meta(html, 'name', 'author')).toBe('Kim Ji-won');
    const first = meta(html, 'property', 'article:published_time')!;
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT/);
    const data = ld(html);
    expect(data.publisher).toEqual({
      '@type': 'Organization',
      name: 'The Daily Example',
      url: 'https://daily.example',
      logo: { '@type': 'ImageObject', url: 'https://daily.example/logo.png' },
    });
    expect(data.author).toEqual({ '@type': 'Person', name: 'Kim Ji-won', url: 'https://daily.example/staff/kim' });
    expect(data.datePublished).toBe(first);
    const o = (await (await call(`/oembed?url=${encodeURIComponent(`https://factbox.test/f/${slug}`)}`, {}, NEWSROOM)).json()) as Record<
      string,
      string
    >;
    expect(o).toMatchObject({
      provider_name: 'The Daily Example',
      provider_url: 'https://daily.example',
      author_name: 'Kim Ji-won',
      author_url: 'https://daily.example/staff/kim',
    });
  });

  it('defaults to Factbox on this server, with the icon as logo, and dates the default box by its first revision', async () => {
    const html = await (await call(`/f/${DEFAULT_SLUG}`)).text();
    expect(meta(html, 'property', 'og:site_name')).toBe('Factbox');
    const data = ld(html);
    expect(data.publisher.url).toBe('https://factbox.test');
    expect(data.publisher.logo.url).toBe('https://factbox.test/favicon.svg');
    expect(data.datePublished).toBe('2026-11-27T00:00:00.000Z');
    expect(data.author).toBeUndefined();
  });
});
