// The widget's delivery (embed.js, its stylesheet and labels) and the iframe page /embed/:slug,
// rendered on the edge with the same components the browser uses.
import { Hono, type Context } from 'hono';
import { FactBox } from '../../widget/render/components/FactBox';
import { labelsFor } from '../../widget/render/i18n/all';
import { isLang, type Lang } from '../../widget/render/i18n';
import { SHADOW_CSS } from '../../widget/render/styles';
import { isTheme, type Theme } from '../../widget/render/themes';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import type { FactBox as Box } from '../factbox/schema';
import { CSS_VERSION, EMBED_HASH, EMBED_INTEGRITY, EMBED_JS } from '../generated/embed';
import { readThrough, READ_CACHE_CONTROL, strongEtag, variantQuery } from '../http';
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
  const key = t === null && l === null ? '' : variantQuery(theme, lang);
  return { theme, lang, key };
}

/** A versioned static file: immutable when the URL names the current version, else short-lived. */
function asset(body: string, type: string, immutable: boolean, version: string): Response {
  return new Response(body, {
    headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': immutable ? IMMUTABLE : SHORT, etag: `"${version}"` },
  });
}

type PageParts = Omit<Parameters<typeof renderPage>[0], 'lang' | 'slug' | 'frameAncestors'>;

/**
 * An edge-rendered page of one box, framable anywhere, read through the edge cache with a key
 * per theme and language: /embed/:slug and /f/:slug differ only in the parts they render.
 */
export function boxPage(
  c: Context<AppEnv>,
  prefix: 'embed' | 'f',
  parts: (box: Box, at: { origin: string; slug: string; theme: Theme; lang: Lang }) => PageParts,
): Promise<Response> {
  const slug = checkSlug(c.req.param('slug') ?? '');
  const url = new URL(c.req.url);
  const { theme, lang, key } = variant(url);
  const store = readStore(c);
  return readThrough(c.req.raw, `${url.origin}/${prefix}/${slug}${key}`, async () => {
    const head = await liveHead(store, slug);
    const box = JSON.parse(head.body) as Box;
    const page = await renderPage({ lang: box.lang, slug, frameAncestors: '*', ...parts(box, { origin: url.origin, slug, theme, lang }) });
    return htmlResponse(page, {
      etag: await strongEtag(prefix, head.slug, head.revision, head.body, theme, lang, EMBED_HASH),
      cacheControl: READ_CACHE_CONTROL,
      framable: true,
    });
  });
}

export const embed = new Hono<AppEnv>()
  .get('/:file{embed(\\.[0-9a-f]{10})?\\.js}', (c) => {
    const file = c.req.param('file');
    const pinned = file !== 'embed.js';
    if (pinned && file !== `embed.${EMBED_HASH}.js`) throw new ApiError('not_found', 'No such version of embed.js.');
    return asset(EMBED_JS, 'text/javascript', pinned, EMBED_HASH);
  })
  // The pinned, integrity-checked form of the current build, for the SRI snippet.
  .get('/embed.json', (c) => {
    const src = new URL(`/embed.${EMBED_HASH}.js`, c.req.url).href;
    return c.json({ src, integrity: EMBED_INTEGRITY, crossorigin: 'anonymous' }, 200, { 'cache-control': SHORT });
  })
  .get('/embed.css', (c) => {
    return asset(SHADOW_CSS, 'text/css', c.req.query('v') === CSS_VERSION, CSS_VERSION);
  })
  .get('/i18n/:file{[a-z]{2}\\.json}', (c) => {
    const lang = c.req.param('file').slice(0, 2);
    if (!isLang(lang)) throw new ApiError('not_found', `No labels for "${lang}".`);
    return c.json(labelsFor(lang), 200, { 'cache-control': SHORT });
  })
  .get('/embed/:slug', (c) =>
    boxPage(c, 'embed', (box, { origin, slug, theme, lang }) => ({
      css: PAGE_CSS,
      script: RESIZE_JS,
      head: (
        <>
          <title>{box.title}</title>
          <Discovery origin={origin} pageUrl={`${origin}/embed/${slug}`} box={box} />
          <JsonLd box={box} url={`${origin}/f/${slug}`} />
        </>
      ),
      body: <FactBox box={box} labels={labelsFor(lang)} locale={lang} theme={theme} level={1} newTab />,
    })),
  );
