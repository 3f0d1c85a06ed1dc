// The link-preview clients CMSs and chat apps use, against /f/ on the real worker: each finds the
// title, a description, the share image, the publisher and the dates.
import { extract, setProviderList } from '@extractus/oembed-extractor';
import metascraper from 'metascraper';
import author from 'metascraper-author';
import date from 'metascraper-date';
import description from 'metascraper-description';
import image from 'metascraper-image';
import publisher from 'metascraper-publisher';
import title from 'metascraper-title';
import ogs from 'open-graph-scraper';
import { unfurl } from 'unfurl.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const W = inject('workerOrigin');
const SLUG = 'north-korea-defections';
const PAGE = `${W}/f/${SLUG}`;
const IMAGE = `${W}/f/${SLUG}/revisions/1/card.png`;

describe('link-preview clients on /f/', () => {
  it('open-graph-scraper finds the title, description, image with its size, site name and dates', async () => {
    const { error, result } = await ogs({ url: PAGE });
    expect(error).toBe(false);
    expect(result.ogTitle).toBe('What does a defection mean?');
    expect(result.ogDescription?.length).toBeGreaterThan(40);
    expect(result.ogSiteName).toBe('Factbox');
    expect(result.ogImage?.[0]).toMatchObject({ url: IMAGE, width: '1200', height: '630', type: 'image/png' });
    expect(result.twitterCard).toBe('summary_large_image');
    expect(result.articlePublishedTime).toBe('2026-11-27T00:00:00.000Z');
    expect(result.articleModifiedTime).toBe('2026-11-27T00:00:00.000Z');
  });

  it('unfurl.js finds the Open Graph card and the oEmbed data, thumbnail included', async () => {
    const result = await unfurl(PAGE, { oembed: true });
    expect(result.open_graph?.title).toBe('What does a defection mean?');
    expect(result.open_graph?.images?.[0]?.url).toBe(IMAGE);
    const oembed = result.oEmbed as Record<string, unknown> | undefined;
    // unfurl.js folds thumbnail_url, _width and _height into `thumbnails`.
    expect(oembed).toMatchObject({ type: 'rich', provider_name: 'Factbox', thumbnails: [{ url: IMAGE, width: 1200, height: 630 }] });
  });

  it('@extractus/oembed-extractor, with Factbox registered as a provider, gets the rich embed and its thumbnail', async () => {
    setProviderList([{ provider_name: 'Factbox', provider_url: W, endpoints: [{ schemes: [`${W}/f/*`], url: `${W}/oembed` }] }]);
    // It always calls a provider's endpoint over https; this local server speaks http.
    const overHttp = (url: string) => fetch(url.replace(/^https:\/\/127\.0\.0\.1:/, 'http://127.0.0.1:'));
    const data = await extract(PAGE, { maxwidth: 600 }, overHttp);
    expect(data).toMatchObject({
      type: 'rich',
      version: '1.0',
      title: 'What does a defection mean?',
      provider_name: 'Factbox',
      thumbnail_url: IMAGE,
    });
    expect(String(data.html)).toContain(`${W}/embed/${SLUG}`);
  });

  it('metascraper finds the title, description, image, publisher and date (re2 unbuilt: its JavaScript fallback)', async () => {
    const scrape = metascraper([title(), description(), image(), publisher(), date(), author()]);
    const html = await (await fetch(PAGE)).text();
    const meta = await scrape({ html, url: PAGE });
    // The default box has no byline: the newsroom is its author.
    expect(meta).toMatchObject({ title: 'What does a defection mean?', image: IMAGE, publisher: 'Factbox', author: 'Factbox' });
    expect(meta.description?.length).toBeGreaterThan(40);
    expect(meta.date).toMatch(/^2026-11-27T/);
  });

  it('iframely (its open-source gateway, as a library) finds the title, description, image, site and date', async () => {
    // iframely reads a config.js from the working directory of its process: it runs in a process of
    // its own, in a directory that holds one, and prints what it found. (Its whitelist of domains
    // comes from iframely.com, which it cannot reach here: it goes on without.)
    const dir = mkdtempSync(join(tmpdir(), 'factbox-iframely-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'config.js'), "export default { SKIP_IFRAMELY_RENDERS: true, CACHE_ENGINE: 'no-cache' };");
      const lib = resolve('node_modules/iframely/lib');
      writeFileSync(
        join(dir, 'probe.js'),
        `const { run } = await import(${JSON.stringify(`${lib}/core.js`)});
const { findWhitelistRecordFor } = await import(${JSON.stringify(`${lib}/whitelist.js`)});
// As its HTTP API does for /iframely?meta=true.
run(process.argv[2], { v: '1.3', forceParams: ['meta', 'oembed'], getWhitelistRecord: findWhitelistRecordFor }, (err, data) => {
  console.log('IFRAMELY ' + JSON.stringify(err ? { err } : { meta: data.meta, links: data.links }));
  process.exit(0);
});`,
      );
      type Found = { err?: unknown; meta: Record<string, string>; links: { href: string; type: string; rel: string[] }[] };
      const probe = async () => {
        const { stdout } = await promisify(execFile)(process.execPath, ['probe.js', PAGE], { cwd: dir, timeout: 60_000 });
        return { stdout, found: JSON.parse(/^IFRAMELY (.*)$/m.exec(stdout)![1]!) as Found };
      };
      // Once in a full run iframely answered with an error and no meta, and not again alone: it is
      // asked a second time then, and what it said is in the failure.
      let { stdout, found } = await probe();
      if (found.err) ({ stdout, found } = await probe());
      expect(found.err, `iframely: ${JSON.stringify(found.err)}\n${stdout}`).toBeUndefined();
      expect(found.meta).toMatchObject({ title: 'What does a defection mean?', site: 'Factbox', date: '2026-11-27T00:00:00.000Z' });
      expect(found.meta.description?.length).toBeGreaterThan(40);
      expect(found.links.find((l) => l.rel.includes('thumbnail'))).toMatchObject({ href: IMAGE, type: 'image/png' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
