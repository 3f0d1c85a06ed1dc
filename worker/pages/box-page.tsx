// An edge-rendered page of one box (/embed/:slug, /f/:slug): read through the edge cache with
// one key per option variant, framable anywhere. The two pages differ only in the parts they render.
import type { Context } from 'hono';
import { FactBox, type FactBoxProps } from '../../widget/render/components/FactBox';
import { labelsFor } from '../../widget/render/i18n/all';
import { DEFAULTS, parseOptions, type Options } from '../../widget/render/options';
import { CACHE_CONTROL, readThrough, type Page } from '../cache';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { readShown, type ShownBox } from '../factbox/pin';
import { EMBED_HASH, REPORT_HASH, RESIZE_CSP_HASH, RESIZE_JS } from '../generated/embed';
import { strongEtag } from '../http';
import { pinParam, pinQuery, slugParam } from '../params';
import { type PageMeta, pageMetaOf } from './meta';
import { htmlResponse, PAGE_CSS, renderPage } from './shell';

type PageParts = Omit<Parameters<typeof renderPage>[0], 'lang' | 'slug' | 'frameAncestors'>;
export interface PageContext {
  origin: string;
  slug: string;
  options: Options;
  meta: PageMeta;
  /** "?revision=N" when the page is pinned to revision N, else "": for links that keep the pin. */
  pin: string;
}

export type { ShownBox };

/**
 * The box as both pages render it: a page of its own (its title the page's h1), in the page's
 * options, "Updated …" linking to the history; `newTab` and `links` are each page's own.
 */
export function PageBox({ box, at, ...own }: { box: ShownBox; at: PageContext } & Pick<FactBoxProps, 'newTab' | 'links'>) {
  const { lang, theme, layout } = at.options;
  return (
    <FactBox
      box={box}
      labels={labelsFor(lang)}
      locale={lang}
      theme={theme}
      layout={layout}
      level={1}
      historyUrl={`${at.origin}/f/${at.slug}/history`}
      {...own}
    />
  );
}

/** The options of a page URL: its query, with the page's own defaults. */
export const pageOptions = (url: URL, page: Page): Options =>
  parseOptions((k) => url.searchParams.get(k), page === 'embed' ? DEFAULTS : { ...DEFAULTS, layout: 'full' });

export async function boxPage(c: Context<AppEnv>, page: Page, parts: (box: ShownBox, at: PageContext) => PageParts): Promise<Response> {
  const slug = slugParam(c);
  const url = new URL(c.req.url);
  const options = pageOptions(url, page);
  // Every page may be pinned to a revision (the report page too: a pinned embed's reports are about
  // what it shows); a malformed ?revision= is a 400 like the JSON's.
  const pin = pinParam(c);
  try {
    return await cachedPage(c, page, slug, url, options, pin, parts);
  } catch (err) {
    // A reader who follows an embed's fallback link, or a frame whose box is gone, gets a page
    // that says why, not a JSON error.
    if (err instanceof ApiError && (err.status === 404 || err.status === 410 || err.status === 451))
      return gonePage(err, slug, { framed: true, resize: page === 'embed' });
    throw err;
  }
}

const GONE_CSS = `${PAGE_CSS}body{font:16px/1.5 system-ui,sans-serif;color:#1b1b1f;padding:16px}
.fb p{margin:.5em 0}@media (prefers-color-scheme:dark){body{color:#eceef2}}`;

/**
 * A box that is missing (404), archived (410) or taken down (451), as a short page that says why:
 * for the box pages (framable; /embed/ keeps telling its parent its height) and the history.
 */
export async function gonePage(err: ApiError, slug: string, opts: { framed: boolean; resize?: boolean }): Promise<Response> {
  const details = err.extra.details as { removedAt?: string; note?: string; revision?: number } | undefined;
  const title =
    err.status === 451
      ? 'This fact box has been removed'
      : err.status === 410
        ? 'This fact box has been archived'
        : details?.revision
          ? 'No such revision of this fact box'
          : 'No such fact box';
  const html = await renderPage({
    lang: 'en',
    slug,
    css: GONE_CSS,
    ...(opts.resize ? { script: { code: RESIZE_JS, hash: RESIZE_CSP_HASH } } : {}),
    head: (
      <>
        <title>{title}</title>
        <meta name="robots" content="noindex" />
      </>
    ),
    body: (
      <main class="fb" data-theme="auto">
        <h1>{title}</h1>
        {err.status === 451 && (
          <>
            <p>
              It was removed for legal reasons on <time dateTime={details?.removedAt}>{details?.removedAt?.slice(0, 10)}</time>.
            </p>
            {details?.note && <p>{details.note}</p>}
          </>
        )}
        {err.status === 410 && <p>Its newsroom has withdrawn it. Its history is kept.</p>}
        {err.status === 404 &&
          (details?.revision ? (
            <p>
              It has no revision {details.revision}: see <a href={`/f/${slug}/history`}>every revision</a>, or{' '}
              <a href={`/f/${slug}`}>the latest</a>.
            </p>
          ) : (
            <p>There is no fact box at this address.</p>
          ))}
      </main>
    ),
    frameAncestors: opts.framed ? '*' : "'none'",
  });
  return htmlResponse(html, { status: err.status, cacheControl: CACHE_CONTROL.none, framable: opts.framed });
}

function cachedPage(
  c: Context<AppEnv>,
  page: Page,
  slug: string,
  url: URL,
  options: Options,
  pin: number | null,
  parts: (box: ShownBox, at: PageContext) => PageParts,
): Promise<Response> {
  return readThrough(c, { kind: 'page', page, slug, options, ...(pin ? { revision: pin } : {}) }, async () => {
    const { head, box } = await readShown(c.var.store, slug, pin, url.origin);
    const meta = pageMetaOf(c.env, url.origin, head);
    const html = await renderPage({
      lang: box.lang,
      slug,
      frameAncestors: '*',
      // Our own origin only: the pages' one script (allowed by its hash) fetches nothing, but
      // audits such as Lighthouse check robots.txt from inside the page. No other script can run.
      connectSrc: "'self'",
      // The "Report an error" form opens in the box (report.js wires the controls of the page); a
      // report's target is resolved against the revision shown, the pinned one on a pinned page.
      report: { src: `${url.origin}/report.${REPORT_HASH}.js`, revision: pin ?? head.revision },
      ...parts(box, { origin: url.origin, slug, options, meta, pin: pinQuery(pin) }),
    });
    const { theme, lang, layout } = options;
    return htmlResponse(html, {
      // The latest revision is in the tag of a pinned page too: a later correction changes it.
      etag: await strongEtag(page, head.slug, head.revision, head.body, theme, lang, layout, EMBED_HASH, REPORT_HASH, pin ?? 0),
      cacheControl: CACHE_CONTROL.read,
      framable: true,
    });
  });
}
