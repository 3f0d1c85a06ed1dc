// Public JSON reads of fact boxes: list, one box, its claims as JSON-LD, its history, the JSON Schema.
import { type Context, Hono } from 'hono';
import { CACHE_CONTROL, readThrough, tagBox } from '../cache';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { claimsJsonLd } from '../factbox/claims';
import { BATCH_MAX, decodeCursor, LIST_DEFAULT, LIST_MAX, REVISIONS_DEFAULT, REVISIONS_MAX } from '../factbox/cursor';
import { readShown } from '../factbox/pin';
import { factBoxJsonSchema, isSlug } from '../factbox/schema';
import { liveOrRefuse, refuseRemoved } from '../factbox/store';
import { headEtag, json, jsonBody, strongEtag } from '../http';
import { pageMetaOf, scriptJson } from '../pages/meta';
import { intParam, pinParam, revisionParam, slugParam } from '../params';

/**
 * Several boxes in one answer, for a page that embeds many (embed.js asks once for all the boxes
 * it finds): `{ items: [{ slug, etag, box } | { slug, error }] }` in the order asked, each box with
 * the ETag its own URL would give and each refusal with the code and message its own URL would
 * give. Cached at the edge like one box, and stale when any of its boxes changes.
 */
async function batch(c: Context<AppEnv>, query: string): Promise<Response> {
  if (c.req.query('limit') !== undefined || c.req.query('cursor') !== undefined)
    throw new ApiError('bad_request', 'slugs cannot be combined with limit or cursor.');
  const slugs = [...new Set(query.split(','))];
  if (slugs.length > BATCH_MAX) throw new ApiError('bad_request', `slugs names at most ${BATCH_MAX} boxes.`);
  const bad = slugs.find((s) => !isSlug(s));
  if (bad !== undefined) throw new ApiError('bad_slug', `"${bad}" is not a slug: 1-64 characters of a-z, 0-9 and inner hyphens.`);
  return readThrough(c, { kind: 'batch', slugs }, async () => {
    const heads = await c.var.store.heads(slugs);
    const items = await Promise.all(
      slugs.map(async (slug) => {
        try {
          const head = liveOrRefuse(slug, heads.get(slug));
          return `{"slug":${JSON.stringify(slug)},"etag":${JSON.stringify(await headEtag(head))},"box":${head.body}}`;
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          return JSON.stringify({ slug, error: { code: err.code, message: err.message } });
        }
      }),
    );
    const body = `{"items":[${items.join(',')}]}`;
    return jsonBody(body, { etag: await strongEtag(body) });
  });
}

export const boxes = new Hono<AppEnv>()
  .get('/v1/schema.json', (c) => {
    const schema = { $id: new URL('/v1/schema.json', c.req.url).href, ...factBoxJsonSchema() };
    return json(schema, { cacheControl: CACHE_CONTROL.document });
  })
  .get('/v1/factboxes', async (c) => {
    const slugs = c.req.query('slugs');
    if (slugs !== undefined) return batch(c, slugs);
    const limit = intParam(c.req.query('limit'), LIST_DEFAULT, 1, LIST_MAX, 'limit');
    const cursor = c.req.query('cursor');
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && after === null) throw new ApiError('bad_request', 'cursor is not one this API gave.');
    return readThrough(c, { kind: 'list', limit, after }, async () => {
      const page = await c.var.store.list(limit, after);
      const body = JSON.stringify({ items: page.items, next: page.next });
      return jsonBody(body, { etag: await strongEtag(body), cacheControl: CACHE_CONTROL.list });
    });
  })
  .get('/v1/factboxes/:slug', (c) => {
    const slug = slugParam(c);
    const pin = pinParam(c);
    if (pin !== null)
      return readThrough(c, { kind: 'box', slug, revision: pin }, async () => {
        const { json: body } = await readShown(c.var.store, slug, pin, new URL(c.req.url).origin);
        // Not immutable (see CACHE_CONTROL.read): a later correction changes this answer.
        return jsonBody(body, { etag: await strongEtag('pinned', body) });
      });
    return readThrough(c, { kind: 'box', slug }, async () => {
      const head = await c.var.store.live(slug);
      return jsonBody(head.body, { etag: await headEtag(head) });
    });
  })
  // The box's claims as schema.org JSON-LD, for the page that embeds it (embed.js data-seo). The
  // body is escaped like the pages' JSON-LD blocks (scriptJson), so that it can also be pasted
  // into a <script type="application/ld+json"> as it is.
  .get('/v1/factboxes/:slug/claims.jsonld', (c) => {
    const slug = slugParam(c);
    // Pinned (?revision=N): the claims of what a pinned embed shows, with every later correction.
    const pin = pinParam(c);
    return readThrough(c, { kind: 'claims', slug, revision: pin ?? undefined }, async () => {
      const origin = new URL(c.req.url).origin;
      const { head, box } = await readShown(c.var.store, slug, pin, origin);
      const body = scriptJson(claimsJsonLd(box, pageMetaOf(c.env, origin, head), origin));
      return jsonBody(body, { etag: await strongEtag(body), contentType: 'application/ld+json' });
    });
  })
  .get('/v1/factboxes/:slug/revisions', async (c) => {
    const slug = slugParam(c);
    const limit = intParam(c.req.query('limit'), REVISIONS_DEFAULT, 1, REVISIONS_MAX, 'limit');
    const after = intParam(c.req.query('after'), 0, 0, 1e9, 'after');
    const status = await c.var.store.status(slug);
    if (!status) throw new ApiError('not_found', `No fact box "${slug}".`);
    refuseRemoved(status);
    const page = await c.var.store.revisions(slug, limit, after);
    const body = JSON.stringify({ slug, revisions: page.items, next: page.next });
    // Not edge-cached: it changes with every write, and archived boxes keep their history.
    return tagBox(jsonBody(body, { etag: await strongEtag(body), cacheControl: CACHE_CONTROL.history }), slug);
  })
  .get('/v1/factboxes/:slug/revisions/:n', async (c) => {
    const slug = slugParam(c);
    const n = revisionParam(c);
    const head = await c.var.store.revision(slug, n);
    if (!head) throw new ApiError('not_found', `No revision ${n} of "${slug}".`);
    refuseRemoved(head);
    // A revision never changes: exactly the bytes stored, cacheable for good.
    const res = jsonBody(head.body, { etag: await headEtag(head), cacheControl: CACHE_CONTROL.immutable });
    res.headers.set('x-factbox-state', head.state);
    res.headers.set('x-factbox-author', head.author);
    return tagBox(res, slug);
  });
