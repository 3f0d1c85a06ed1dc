// The widget's delivery (embed.js, its stylesheet and labels) and the iframe page /embed/:slug,
// rendered on the edge with the same components the browser uses.
import { Hono } from 'hono';
import { FactBox } from '../../widget/components/FactBox';
import { labelsFor } from '../../widget/i18n/all';
import { isLang, type Lang } from '../../widget/i18n';
import { SHADOW_CSS } from '../../widget/styles';
import { isTheme, type Theme } from '../../widget/themes';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import type { FactBox as Box } from '../factbox/schema';
import { CSS_VERSION, EMBED_HASH, EMBED_INTEGRITY, EMBED_JS } from '../generated/embed';
import { readThrough, READ_CACHE_CONTROL, strongEtag } from '../http';
import { Discovery, JsonLd } from '../pages/meta';
import { htmlResponse, PAGE_CSS, RESIZE_JS, renderPage } from '../pages/shell';
import { checkSlug, liveHead, readStore } from './boxes';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** embed.js itself is re-checked often so a fix reaches every page within minutes. */
const SHORT = 'public, max-age=300, s-maxage=300, stale-while-revalidate=86400';

/** Theme and language from the query, normalised so each variant has one cache key. */
export function variant(url: URL): { theme: Theme; lang: Lang; key: string } {
  const t = url.searchParams.get('theme');
  const l = url.searchParams.get('lang');
  const theme: Theme = isTheme(t) ? t : 'auto';
  const lang: Lang = isLang(l) ? l : 'en';
  const key = t === null && l === null ? '' : `?${new URLSearchParams({ lang, theme })}`;
  return { theme, lang, key };
}

export const embed = new Hono<AppEnv>()
  .get('/:file{embed(\\.[0-9a-f]{10})?\\.js}', (c) => {
    const file = c.req.param('file');
    const pinned = file !== 'embed.js';
    if (pinned && file !== `embed.${EMBED_HASH}.js`) throw new ApiError('not_found', 'No such version of embed.js.');
    return new Response(EMBED_JS, {
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': pinned ? IMMUTABLE : SHORT,
        etag: `"${EMBED_HASH}"`,
      },
    });
  })
  // The pinned, integrity-checked form of the current build, for the SRI snippet.
  .get('/embed.json', (c) => {
    const src = new URL(`/embed.${EMBED_HASH}.js`, c.req.url).href;
    return c.json({ src, integrity: EMBED_INTEGRITY, crossorigin: 'anonymous' }, 200, { 'cache-control': SHORT });
  })
  .get('/embed.css', (c) => {
    const current = c.req.query('v') === CSS_VERSION;
    return new Response(SHADOW_CSS, {
      headers: {
        'content-type': 'text/css; charset=utf-8',
        'cache-control': current ? IMMUTABLE : SHORT,
        etag: `"${CSS_VERSION}"`,
      },
    });
  })
  .get('/i18n/:file{[a-z]{2}\\.json}', (c) => {
    const lang = c.req.param('file').slice(0, 2);
    if (!isLang(lang)) throw new ApiError('not_found', `No labels for "${lang}".`);
    return c.json(labelsFor(lang), 200, { 'cache-control': SHORT });
  })
  .get('/embed/:slug', async (c) => {
    const slug = checkSlug(c.req.param('slug'));
    const url = new URL(c.req.url);
    const { theme, lang, key } = variant(url);
    const store = readStore(c);
    return readThrough(c.req.raw, `${url.origin}/embed/${slug}${key}`, async () => {
      const head = await liveHead(store, slug);
      const box = JSON.parse(head.body) as Box;
      const page = await renderPage({
        lang: box.lang,
        slug,
        css: PAGE_CSS,
        script: RESIZE_JS,
        head: (
          <>
            <title>{box.title}</title>
            <Discovery origin={url.origin} pageUrl={`${url.origin}/embed/${slug}`} box={box} />
            <JsonLd box={box} url={`${url.origin}/f/${slug}`} />
          </>
        ),
        body: <FactBox box={box} labels={labelsFor(lang)} locale={lang} theme={theme} level={1} newTab />,
        frameAncestors: '*',
      });
      return htmlResponse(page, {
        etag: await strongEtag(head.slug, head.revision, head.body, theme, lang, EMBED_HASH),
        cacheControl: READ_CACHE_CONTROL,
        framable: true,
      });
    });
  });
