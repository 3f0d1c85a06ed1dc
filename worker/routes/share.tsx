// CMS integrations: the shareable page /f/:slug (Open Graph, JSON-LD, oEmbed discovery), the
// oEmbed provider, and the embed builder page for editors.
import { Hono } from 'hono';
import { renderToString } from 'preact-render-to-string';
import { FactBox } from '../../widget/render/components/FactBox';
import { labelsFor } from '../../widget/render/i18n/all';
import { isLang, LANGS, type Lang } from '../../widget/render/i18n';
import { embedQuery, METHOD_NAMES, METHODS, RESERVED_HEIGHT, snippet, type Method } from '../../widget/render/snippets';
import { isTheme, THEMES, type Theme } from '../../widget/render/themes';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { isSlug, type FactBox as Box } from '../factbox/schema';
import { BUILDER_JS, EMBED_HASH } from '../generated/embed';
import { strongEtag } from '../http';
import { Discovery, JsonLd, SITE_NAME, SocialTags } from '../pages/meta';
import { htmlResponse, PAGE_CSS, renderPage } from '../pages/shell';
import { liveHead, readStore } from './boxes';
import { boxPage, variant } from './embed';

const SHARE_CSS = `${PAGE_CSS}
body{padding:16px;background:#f6f7f9;font:16px/1.5 system-ui,sans-serif;color:#1b1b1f}
main{max-width:42em;margin:0 auto}.fb{max-width:none}
.more{margin:16px 0;font-size:14px}.more a{color:#0b57d0}
@media (prefers-color-scheme:dark){body{background:#0f1115;color:#eceef2}.more a{color:#9cc0ff}}`;

const OEMBED_WIDTH = 600;

export const share = new Hono<AppEnv>()
  .get('/f/:slug', (c) =>
    boxPage(c, 'f', (box, { origin, slug, theme, lang }) => {
      const canonical = `${origin}/f/${slug}`;
      return {
        css: SHARE_CSS,
        head: (
          <>
            <title>{`${box.title} · ${SITE_NAME}`}</title>
            <SocialTags box={box} url={canonical} />
            <Discovery origin={origin} pageUrl={canonical} box={box} />
            <JsonLd box={box} url={canonical} />
          </>
        ),
        body: (
          <main>
            <FactBox box={box} labels={labelsFor(lang)} locale={lang} theme={theme} level={1} />
            <p class="more">
              <a href={`/?${new URLSearchParams({ slug })}`}>Embed this fact box</a> ·{' '}
              <a href={`/v1/factboxes/${slug}`} type="application/json">
                JSON
              </a>
            </p>
          </main>
        ),
      };
    }),
  )
  .get('/oembed', async (c) => {
    const target = c.req.query('url');
    if (!target) throw new ApiError('bad_request', 'Give the url of a /f/ or /embed/ page of this server.');
    const format = c.req.query('format') ?? 'json';
    if (format === 'xml') throw new ApiError('not_implemented', 'Only format=json is provided.');
    if (format !== 'json') throw new ApiError('bad_request', 'format is json.');
    let u: URL;
    try {
      u = new URL(target);
    } catch {
      throw new ApiError('bad_request', 'url is not a URL.');
    }
    const here = new URL(c.req.url);
    const m = /^\/(?:f|embed)\/([^/]+)\/?$/.exec(u.pathname);
    if (u.host !== here.host || !m || !isSlug(m[1]!)) throw new ApiError('not_found', 'Not a fact box URL of this server.');
    const slug = m[1]!;
    const head = await liveHead(readStore(c), slug);
    const box = JSON.parse(head.body) as Box;
    const bound = (name: string, fallback: number) => {
      const v = c.req.query(name);
      const n = v === undefined ? NaN : Number(v);
      return Number.isInteger(n) && n > 0 ? Math.min(n, fallback) : fallback;
    };
    const width = bound('maxwidth', OEMBED_WIDTH);
    const height = bound('maxheight', RESERVED_HEIGHT);
    const { theme, lang } = variant(u);
    const page = `${here.origin}/f/${slug}`;
    // What WordPress keeps of a provider it discovered: a blockquote, then an iframe (it adds
    // sandbox="allow-scripts" and a secret; /embed/ answers its height message). Consumers that
    // keep scripts get embed.js, which resizes the iframe by our own message.
    const html = renderToString(
      <>
        <blockquote class="wp-embedded-content factbox-oembed">
          <a href={page}>{box.title}</a>
        </blockquote>
        <iframe
          class="wp-embedded-content"
          src={`${here.origin}/embed/${slug}${embedQuery(theme, lang)}`}
          title={`Fact box: ${box.title}`}
          width={width}
          height={height}
          frameBorder="0"
          loading="lazy"
          style="border:0;max-width:100%"
        />
        <script async src={`${here.origin}/embed.js`} />
      </>,
    );
    return c.json(
      {
        type: 'rich',
        version: '1.0',
        title: box.title,
        provider_name: SITE_NAME,
        provider_url: here.origin,
        cache_age: 3600,
        html,
        width,
        height,
      },
      200,
      { 'cache-control': 'public, max-age=300, s-maxage=300' },
    );
  })
  .get('/builder.js', () => new Response(BUILDER_JS, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' } }))
  .get('/', async (c) => {
    const url = new URL(c.req.url);
    const { items } = await readStore(c).list(200, null);
    const q = (n: string) => url.searchParams.get(n);
    const slug = items.find((i) => i.slug === q('slug'))?.slug ?? items[0]?.slug ?? '';
    const title = items.find((i) => i.slug === slug)?.title ?? '';
    const method: Method = (METHODS as readonly string[]).includes(q('method') ?? '') ? (q('method') as Method) : 'script';
    const theme: Theme = isTheme(q('theme')) ? (q('theme') as Theme) : 'auto';
    const lang: Lang = isLang(q('lang')) ? (q('lang') as Lang) : 'en';
    const code = slug ? snippet({ origin: url.origin, slug, title, method, theme, lang }) : '';
    const page = await renderPage({
      lang: 'en',
      slug,
      css: BUILDER_CSS,
      head: <title>Embed a fact box · {SITE_NAME}</title>,
      body: (
        <main>
          <h1>Embed a fact box</h1>
          <form id="builder" method="get" action="/">
            <p>
              <label for="slug">Fact box</label>
              <select id="slug" name="slug">
                {items.map((i) => (
                  <option value={i.slug} data-title={i.title} selected={i.slug === slug}>
                    {i.title} ({i.slug})
                  </option>
                ))}
              </select>
            </p>
            <fieldset>
              <legend>How to embed it</legend>
              {METHODS.map((m) => (
                <label class="opt">
                  <input type="radio" name="method" value={m} checked={m === method} /> {METHOD_NAMES[m]}
                </label>
              ))}
            </fieldset>
            <p class="row">
              <Choice id="theme" label="Theme" values={THEMES} selected={theme} />
              <Choice id="lang" label="Labels" values={LANGS} selected={lang} />
              <button type="submit">Update</button>
            </p>
          </form>
          <h2 id="code-label">Code to copy</h2>
          <pre aria-labelledby="code-label" tabIndex={0}>
            <code id="code">{code}</code>
          </pre>
          <p class="row">
            <button type="button" id="copy">
              Copy
            </button>
            <span id="status" role="status" aria-live="polite" />
          </p>
          <h2>Preview</h2>
          <div id="preview">
            <fact-box slug={slug} theme={theme} lang={lang} loading="eager" />
          </div>
          <script src="/embed.js" async />
          <script src="/builder.js" defer />
        </main>
      ),
      frameAncestors: "'none'",
      scriptSrc: "'self'",
      connectSrc: "'self'",
      formAction: "'self'",
    });
    return htmlResponse(page, { etag: await strongEtag('builder', code, JSON.stringify(items), EMBED_HASH), cacheControl: 'no-cache', framable: false });
  });

function Choice({ id, label, values, selected }: { id: string; label: string; values: readonly string[]; selected: string }) {
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} name={id}>
        {values.map((v) => (
          <option value={v} selected={v === selected}>
            {v}
          </option>
        ))}
      </select>
    </>
  );
}

const BUILDER_CSS = `html{background:#f6f7f9;color:#1b1b1f;font:16px/1.5 system-ui,sans-serif}
body{margin:0;padding:16px}main{max-width:46em;margin:0 auto}
h1{font-size:1.6em}h2{font-size:1.15em;margin-top:1.5em}
fieldset{border:1px solid #c4c8d0;border-radius:6px;padding:8px 12px}
.opt{display:block;padding:4px 0}.row{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
select,button{font:inherit;padding:6px 10px;border:1px solid #6b7280;border-radius:6px;background:#fff;color:#1b1b1f}
button{background:#0b57d0;border-color:#0b57d0;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
pre{background:#1b1b1f;color:#f3f5f8;padding:12px;border-radius:6px;overflow:auto;white-space:pre-wrap;word-break:break-all}
@media (prefers-color-scheme:dark){html{background:#0f1115;color:#eceef2}fieldset{border-color:#3a3f4a}
select{background:#17191e;color:#eceef2;border-color:#9aa1ad}button{background:#9cc0ff;border-color:#9cc0ff;color:#0f1115}
:focus-visible{outline-color:#9cc0ff}}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}`;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'fact-box': { slug: string; theme?: string; lang?: string; loading?: 'eager' | 'lazy' };
    }
  }
}
