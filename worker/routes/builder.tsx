// The embed builder page for editors: choose a box, a method, a theme and a language; the page
// shows the code to copy and a live preview. Without JavaScript the form still works: the edge
// renders the snippet, and the preview shows the box rendered on the edge.
import { Hono, type Context } from 'hono';
import { FactBox } from '../../widget/render/components/FactBox';
import { boxInWords } from '../../widget/render/alt';
import { labelsFor } from '../../widget/render/i18n/all';
import { LANGS, LAYOUTS, parseOptions, THEMES } from '../../widget/render/options';
import { METHOD_NAMES, METHODS, snippet, type Method } from '../../widget/render/snippets';
import { BOX_CSS } from '../../widget/render/styles';
import '../../widget/render/element';
import { CACHE_CONTROL, pairs, readThrough } from '../cache';
import type { AppEnv } from '../env';
import type { FactBox as Box } from '../factbox/schema';
import { decodeCursor, LIST_MAX } from '../factbox/cursor';
import { isSlug } from '../factbox/schema';
import { DEFAULT_SLUG } from '../factbox/store';
import { EMBED_HASH } from '../generated/embed';
import { strongEtag } from '../http';
import { publisherOf } from '../publisher';
import { htmlResponse, renderPage } from '../pages/shell';

export const builder = new Hono<AppEnv>().get('/', (c) => {
  const url = new URL(c.req.url);
  const query = new URLSearchParams(
    pairs(url.searchParams).filter(([k]) => ['slug', 'method', 'theme', 'lang', 'layout', 'version', 'after'].includes(k)),
  );
  return readThrough(c, { kind: 'builder', query }, () => page(c, url));
});

async function page(c: Context<AppEnv>, url: URL): Promise<Response> {
  const q = (n: string) => url.searchParams.get(n);
  // The boxes come in pages of LIST_MAX; ?after= is the list's cursor of the next page.
  const cursor = q('after');
  const { items, next } = await c.var.store.list(LIST_MAX, cursor ? decodeCursor(cursor) : null);
  const asked = q('slug');
  // The box asked for (on this page or not), else the default box, else the first there is; a box
  // that was asked for and does not exist is said so, and no other box's snippet is shown.
  const slug = asked ?? [DEFAULT_SLUG, items[0]?.slug].find((s) => s && items.some((i) => i.slug === s)) ?? '';
  const head = slug && isSlug(slug) ? await c.var.store.head(slug) : null;
  const box = head && head.state === 'live' && !head.removed ? (JSON.parse(head.body) as Box) : null;
  const options = box && !items.some((i) => i.slug === slug) ? [{ slug, title: box.title, revision: box.revision }, ...items] : items;
  // Follow (the default) or pin the revision shown now.
  const pinned = q('version') === 'this';
  const method: Method = (METHODS as readonly string[]).includes(q('method') ?? '') ? (q('method') as Method) : 'script';
  const { theme, lang, layout } = parseOptions(q);
  const revision = pinned && box ? box.revision : undefined;
  const code = box
    ? snippet({ origin: url.origin, slug, title: box.title, method, theme, lang, layout, alt: boxInWords(box), revision })
    : '';
  const html = await renderPage({
    lang: 'en',
    slug,
    css: BUILDER_CSS,
    head: <title>Embed a fact box · {publisherOf(c.env, url.origin).name}</title>,
    body: (
      <main>
        <h1>Embed a fact box</h1>
        <form id="builder" method="get" action="/">
          <p>
            <label for="slug">Fact box</label>
            <select id="slug" name="slug">
              {options.map((i) => (
                <option key={i.slug} value={i.slug} data-title={i.title} data-revision={i.revision} selected={i.slug === slug}>
                  {i.title} ({i.slug})
                </option>
              ))}
            </select>
          </p>
          {next && (
            <p>
              <a href={`/?${new URLSearchParams({ after: next })}`}>More boxes</a>
            </p>
          )}
          {!box && slug && <p role="alert">There is no fact box "{slug}".</p>}
          <fieldset>
            <legend>How to embed it</legend>
            {METHODS.map((m) => (
              <label key={m} class="opt">
                <input type="radio" name="method" value={m} checked={m === method} /> {METHOD_NAMES[m]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Which version</legend>
            <label class="opt">
              <input type="radio" name="version" value="latest" checked={!pinned} /> Always the latest: every edit and correction reaches
              the embed
            </label>
            <label class="opt">
              <input type="radio" name="version" value="this" checked={pinned} /> This version (revision{' '}
              <span id="revision">{box?.revision ?? ''}</span>): its content stays as it is now; corrections made later still show, with a
              notice that the box has changed
            </label>
          </fieldset>
          <p class="row">
            <Choice id="theme" label="Theme" values={THEMES} selected={theme} />
            <Choice id="lang" label="Labels" values={LANGS} selected={lang} />
            <Choice id="layout" label="Layout" values={LAYOUTS} selected={layout} />
            <button type="submit">Update</button>
          </p>
        </form>
        <h2 id="code-label">Code to copy</h2>
        {/* The code scrolls: the keyboard must reach it (axe: scrollable-region-focusable). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable */}
        <pre tabIndex={0}>
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
          {/* Without JavaScript the edge-rendered box shows; embed.js renders over it in Shadow DOM. */}
          <fact-box slug={slug} theme={theme} lang={lang} layout={layout} revision={revision} loading="eager">
            {box && <FactBox box={box} labels={labelsFor(lang)} locale={lang} theme={theme} layout={layout} level={2} />}
          </fact-box>
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
  const etag = await strongEtag(
    'builder',
    code,
    JSON.stringify(items),
    head?.revision ?? 0,
    theme,
    lang,
    layout,
    String(pinned),
    EMBED_HASH,
  );
  return htmlResponse(html, { etag, cacheControl: CACHE_CONTROL.builder, framable: false, status: !box && asked ? 404 : 200 });
}

function Choice({ id, label, values, selected }: { id: string; label: string; values: readonly string[]; selected: string }) {
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} name={id}>
        {values.map((v) => (
          <option key={v} value={v} selected={v === selected}>
            {v}
          </option>
        ))}
      </select>
    </>
  );
}

const BUILDER_CSS = `${BOX_CSS}
html{background:#f6f7f9;color:#1b1b1f;font:16px/1.5 system-ui,sans-serif}
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
