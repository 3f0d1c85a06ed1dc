// Share images of a box: /f/:slug/card.png (1200×630, for og:image and Twitter's large card)
// and /f/:slug/card-tall.png (600 px wide at 2x, for email and RSS), each also pinned to a
// revision at /f/:slug/revisions/:n/card.png, whose bytes never change. The pinned URL is a path
// rather than ?revision=n so that no cache that ignores query strings can hand out the current
// card under it (or the reverse), and it mirrors /v1/factboxes/:slug/revisions/:n.
//
// A card never answers 500: D1 failing is a StorageError (503 from app.onError), and a card
// that cannot be drawn is logged and answered 503 with Retry-After.
import { Hono, type Context } from 'hono';
import { CARD_VERSION, type Variant } from '../card/card';
import { CACHE_CONTROL, readThrough } from '../cache';
import type { AppEnv } from '../env';
import { ApiError, unavailable } from '../errors';
import type { FactBox } from '../factbox/schema';
import { strongEtag } from '../http';
import { publisherOf } from '../publisher';
import { revisionParam, slugParam } from '../params';

/**
 * The name at the foot of the card: the configured publisher's (FACTBOX_PUBLISHER_NAME), never
 * text from the URL, which would let anyone draw words of their choice on the newsroom's domain.
 */
export function newsroomOf(c: Context<AppEnv>): string {
  return publisherOf(c.env, new URL(c.req.url).origin).name;
}

/**
 * The card of a box, current (`pinned` null) or at a revision. A box that is archived (410) or
 * taken down (451, through store.live) answers so at every revision: a withdrawn box is not drawn
 * again, though copies already cached under a pinned URL (immutable) live out their time unless
 * the edge copies are purged.
 */
async function serveCard(c: Context<AppEnv>, variant: Variant, pinned: number | null): Promise<Response> {
  const slug = slugParam(c);
  const newsroom = newsroomOf(c);
  const build = async () => {
    const head = await c.var.store.live(slug);
    const row = pinned === null ? head : await c.var.store.revision(slug, pinned);
    if (!row) throw new ApiError('not_found', `No revision ${pinned} of "${slug}".`);
    let png: Uint8Array<ArrayBuffer>;
    try {
      // Loaded on the first card: satori and resvg (about 1 MB of script) then cost nothing to
      // the start of an isolate that serves only the API and the pages.
      const { renderCard } = await import('../card/render');
      ({ png } = await renderCard(JSON.parse(row.body) as FactBox, { variant, newsroom }));
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      console.error('card render failed', JSON.stringify({ slug, revision: row.revision, variant, error }));
      throw unavailable();
    }
    return new Response(png as unknown as BodyInit, {
      headers: {
        'content-type': 'image/png',
        'cache-control': pinned === null ? CACHE_CONTROL.card : CACHE_CONTROL.immutable,
        // The same bytes under the current and the pinned URL of a revision carry the same tag.
        etag: await strongEtag('card', CARD_VERSION, variant, slug, row.revision, newsroom),
      },
    });
  };
  return readThrough(c, { kind: 'card', slug, revision: pinned, variant, newsroom }, build);
}

export const card = new Hono<AppEnv>()
  .get('/f/:slug/card.png', (c) => serveCard(c, 'wide', null))
  .get('/f/:slug/card-tall.png', (c) => serveCard(c, 'tall', null))
  .get('/f/:slug/revisions/:n/card.png', (c) => serveCard(c, 'wide', revisionParam(c)))
  .get('/f/:slug/revisions/:n/card-tall.png', (c) => serveCard(c, 'tall', revisionParam(c)));
