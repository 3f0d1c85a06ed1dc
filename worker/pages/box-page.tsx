// An edge-rendered page of one box (/embed/:slug, /f/:slug): read through the edge cache with
// one key per option variant, framable anywhere. The two pages differ only in the parts they render.
import type { Context } from 'hono';
import { DEFAULTS, parseOptions, type Options } from '../../widget/render/options';
import { CACHE_CONTROL, readThrough } from '../cache';
import type { AppEnv } from '../env';
import type { FactBox } from '../factbox/schema';
import { EMBED_HASH } from '../generated/embed';
import { strongEtag } from '../http';
import { slugParam } from '../params';
import { htmlResponse, renderPage } from './shell';

type PageParts = Omit<Parameters<typeof renderPage>[0], 'lang' | 'slug' | 'frameAncestors'>;
export interface PageContext {
  origin: string;
  slug: string;
  options: Options;
}

/** The options of a page URL: its query, with the page's own defaults. */
export const pageOptions = (url: URL, page: 'embed' | 'f'): Options =>
  parseOptions((k) => url.searchParams.get(k), page === 'f' ? { ...DEFAULTS, layout: 'full' } : DEFAULTS);

export function boxPage(c: Context<AppEnv>, page: 'embed' | 'f', parts: (box: FactBox, at: PageContext) => PageParts): Promise<Response> {
  const slug = slugParam(c);
  const url = new URL(c.req.url);
  const options = pageOptions(url, page);
  return readThrough(c.req.raw, { kind: 'page', page, slug, options }, async () => {
    const head = await c.var.store.live(slug);
    const box = JSON.parse(head.body) as FactBox;
    const html = await renderPage({ lang: box.lang, slug, frameAncestors: '*', ...parts(box, { origin: url.origin, slug, options }) });
    const { theme, lang, layout } = options;
    return htmlResponse(html, {
      etag: await strongEtag(page, head.slug, head.revision, head.body, theme, lang, layout, EMBED_HASH),
      cacheControl: CACHE_CONTROL.read,
      framable: true,
    });
  });
}
