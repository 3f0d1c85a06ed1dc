// The oEmbed 1.0 provider for /f/ and /embed/ URLs of this server (WordPress, Ghost, Drupal…).
import { Hono } from 'hono';
import { renderToString } from 'preact-render-to-string';
import { optionsQuery } from '../../widget/render/options';
import { heightFor } from '../../widget/render/snippets';
import { CACHE_CONTROL, CDN_CACHE_CONTROL, tagsOf } from '../cache';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { readShown } from '../factbox/pin';
import { isSlug } from '../factbox/schema';
import { pageOptions } from '../pages/box-page';
import { CARD, cardUrl } from '../pages/meta';
import { pinQuery, revisionOf } from '../params';
import { publisherOf } from '../publisher';

const OEMBED_WIDTH = 600;

export const oembed = new Hono<AppEnv>().get('/oembed', async (c) => {
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
  // A pinned URL (?revision=N) stays pinned: its frame, its link and its card are revision N's.
  const revision = u.searchParams.get('revision');
  const pin = revision === null ? null : revisionOf(revision, 'The revision in url');
  const { box } = await readShown(c.var.store, slug, pin, here.origin);
  const bound = (name: string, fallback: number) => {
    const v = c.req.query(name);
    const n = v === undefined ? NaN : Number(v);
    return Number.isInteger(n) && n > 0 ? Math.min(n, fallback) : fallback;
  };
  const width = bound('maxwidth', OEMBED_WIDTH);
  // The compact box's measured height at that width (widget/render/heights.json), so it fits at once.
  const height = bound('maxheight', heightFor(width));
  const page = `${here.origin}/f/${slug}`;
  const pinned = pinQuery(pin);
  const frame = new URLSearchParams(optionsQuery(pageOptions(u, 'embed')));
  if (pin !== null) frame.set('revision', String(pin));
  const publisher = publisherOf(c.env, here.origin);
  // WordPress keeps, of a provider it discovered, the first blockquote and the iframe (kses: no
  // class, style or script), adds sandbox="allow-scripts", a #?secret= and its own
  // wp-embedded-content classes, hides the blockquote once /embed/ answers its `ready`, and sizes
  // the iframe by /embed/'s height messages. A trusted provider's HTML is used as it is: without
  // those classes wp-embed.js leaves it alone, and embed.js sizes the iframe and hides the
  // blockquote, so one script is in charge and nothing reloads. width="100%" survives kses where a
  // style would not; the height is the compact box's, measured, so that it fits at once.
  const html = renderToString(
    <>
      <blockquote class="factbox-oembed">
        <a href={`${page}${pinned}`}>{box.title}</a>
      </blockquote>
      <iframe
        class="factbox-frame"
        src={`${here.origin}/embed/${slug}${frame.size ? `?${frame}` : ''}`}
        title={`Fact box: ${box.title}`}
        width="100%"
        height={height}
        frameBorder="0"
        loading="lazy"
      />
      <script async src={`${here.origin}/embed.js`} />
    </>,
  );
  return c.json(
    {
      type: 'rich',
      version: '1.0',
      title: box.title,
      provider_name: publisher.name,
      provider_url: publisher.url,
      ...(box.byline ? { author_name: box.byline.name, ...(box.byline.url ? { author_url: box.byline.url } : {}) } : {}),
      cache_age: 3600,
      html,
      width,
      height,
      thumbnail_url: cardUrl(page, box),
      thumbnail_width: CARD.width,
      thumbnail_height: CARD.height,
    },
    200,
    // Tagged like every representation of the box, so a write's purge reaches it too.
    {
      'cache-control': CACHE_CONTROL.oembed,
      'cdn-cache-control': CDN_CACHE_CONTROL,
      'cache-tag': tagsOf({ kind: 'box', slug }).join(','),
      vary: 'X-D1-Bookmark',
    },
  );
});
