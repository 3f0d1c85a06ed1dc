// Public JSON reads of fact boxes: list, one box, its claims as JSON-LD, its history, the JSON Schema.
import { Hono } from 'hono';
import { CACHE_CONTROL, readThrough, tagBox } from '../cache';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { decodeCursor, LIST_DEFAULT, LIST_MAX, REVISIONS_DEFAULT, REVISIONS_MAX } from '../factbox/cursor';
import { claimsJsonLd } from '../factbox/claims';
import { type FactBox, factBoxJsonSchema } from '../factbox/schema';
import { refuseRemoved } from '../factbox/store';
import { headEtag, json, jsonBody, strongEtag } from '../http';
import { pageMetaOf, scriptJson } from '../pages/meta';
import { slugParam } from '../params';

/** An optional whole-number query parameter within bounds, else 400. */
function intParam(value: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError('bad_request', `${name} must be an integer from ${min} to ${max}.`);
  return n;
}

export const boxes = new Hono<AppEnv>()
  .get('/v1/schema.json', (c) => {
    const schema = { $id: new URL('/v1/schema.json', c.req.url).href, ...factBoxJsonSchema() };
    return json(schema, { cacheControl: CACHE_CONTROL.document });
  })
  .get('/v1/factboxes', async (c) => {
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
    return readThrough(c, { kind: 'claims', slug }, async () => {
      const head = await c.var.store.live(slug);
      const origin = new URL(c.req.url).origin;
      const body = scriptJson(claimsJsonLd(JSON.parse(head.body) as FactBox, pageMetaOf(c.env, origin, head), origin));
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
    const n = c.req.param('n');
    if (!/^[1-9]\d{0,8}$/.test(n)) throw new ApiError('bad_request', 'A revision is a whole number from 1.');
    const head = await c.var.store.revision(slug, Number(n));
    if (!head) throw new ApiError('not_found', `No revision ${n} of "${slug}".`);
    refuseRemoved(head);
    // A revision never changes: exactly the bytes stored, cacheable for good.
    const res = jsonBody(head.body, { etag: await headEtag(head), cacheControl: CACHE_CONTROL.immutable });
    res.headers.set('x-factbox-state', head.state);
    res.headers.set('x-factbox-author', head.author);
    return tagBox(res, slug);
  });
