// Public JSON reads of fact boxes: list, one box, its history, the JSON Schema.
import { Hono } from 'hono';
import { CACHE_CONTROL, readThrough } from '../cache';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { decodeCursor, LIST_DEFAULT, LIST_MAX } from '../factbox/cursor';
import { factBoxJsonSchema } from '../factbox/schema';
import { headEtag, json, jsonBody, strongEtag } from '../http';
import { slugParam } from '../params';

export const boxes = new Hono<AppEnv>()
  .get('/v1/schema.json', (c) => {
    const schema = { $id: new URL('/v1/schema.json', c.req.url).href, ...factBoxJsonSchema() };
    return json(schema, { cacheControl: CACHE_CONTROL.document });
  })
  .get('/v1/factboxes', async (c) => {
    const limitParam = c.req.query('limit');
    const limit = limitParam === undefined ? LIST_DEFAULT : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX)
      throw new ApiError('bad_request', `limit must be an integer from 1 to ${LIST_MAX}.`);
    const cursor = c.req.query('cursor');
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && after === null) throw new ApiError('bad_request', 'cursor is not one this API gave.');
    return readThrough(c.req.raw, { kind: 'list', limit, after }, async () => {
      const page = await c.var.store.list(limit, after);
      const body = JSON.stringify({ items: page.items, next: page.next });
      return jsonBody(body, { etag: await strongEtag(body), cacheControl: CACHE_CONTROL.list });
    });
  })
  .get('/v1/factboxes/:slug', (c) => {
    const slug = slugParam(c);
    return readThrough(c.req.raw, { kind: 'box', slug }, async () => {
      const head = await c.var.store.live(slug);
      return jsonBody(head.body, { etag: await headEtag(head) });
    });
  })
  .get('/v1/factboxes/:slug/revisions', async (c) => {
    const slug = slugParam(c);
    const revisions = await c.var.store.revisions(slug);
    if (revisions.length === 0) throw new ApiError('not_found', `No fact box "${slug}".`);
    const body = JSON.stringify({ slug, revisions });
    // Not edge-cached: it changes with every write, and archived boxes keep their history.
    return jsonBody(body, { etag: await strongEtag(body), cacheControl: CACHE_CONTROL.history });
  })
  .get('/v1/factboxes/:slug/revisions/:n', async (c) => {
    const slug = slugParam(c);
    const n = c.req.param('n');
    if (!/^[1-9]\d{0,8}$/.test(n)) throw new ApiError('bad_request', 'A revision is a whole number from 1.');
    const head = await c.var.store.revision(slug, Number(n));
    if (!head) throw new ApiError('not_found', `No revision ${n} of "${slug}".`);
    // A revision never changes: exactly the bytes stored, cacheable for good.
    const res = jsonBody(head.body, { etag: await headEtag(head), cacheControl: CACHE_CONTROL.immutable });
    res.headers.set('x-factbox-state', head.state);
    res.headers.set('x-factbox-author', head.author);
    return res;
  });
