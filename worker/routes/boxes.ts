// Public JSON reads of fact boxes: list, one box, the JSON Schema.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { factBoxJsonSchema, isSlug } from '../factbox/schema';
import { decodeCursor } from '../factbox/cursor';
import { FactBoxStore, type Head } from '../factbox/store';
import { json, jsonBody, readThrough, strongEtag } from '../http';

export const LIST_DEFAULT = 50;
export const LIST_MAX = 200;

export function checkSlug(slug: string): string {
  if (!isSlug(slug)) throw new ApiError('bad_slug', 'A slug is 1-64 characters of a-z, 0-9 and inner hyphens.');
  return slug;
}

export const headEtag = (head: Pick<Head, 'slug' | 'revision' | 'body'>) => strongEtag(head.slug, head.revision, head.body);

/** The current live head of a slug, or the right 404 / 410. */
export async function liveHead(store: FactBoxStore, slug: string): Promise<Head> {
  const head = await store.head(slug);
  if (!head) throw new ApiError('not_found', `No fact box "${slug}".`);
  if (head.state === 'archived') throw new ApiError('gone', `The fact box "${slug}" has been archived.`);
  return head;
}

export const readStore = (c: { env: AppEnv['Bindings']; req: { header(n: string): string | undefined } }) =>
  new FactBoxStore(c.env.DB, { bookmark: c.req.header('x-d1-bookmark') ?? null, timeoutMs: queryTimeout(c.env) });

export const queryTimeout = (env: AppEnv['Bindings']) => Number(env.FACTBOX_D1_TIMEOUT_MS) || undefined;

/** Let a client that sent a bookmark carry it on; locally D1 may have none to give. */
export function withBookmark(res: Response, store: FactBoxStore, sent: string | undefined): Response {
  const bookmark = store.bookmark() ?? sent;
  if (!bookmark) return res;
  const out = new Response(res.body, res);
  out.headers.set('x-d1-bookmark', bookmark);
  return out;
}

export const boxes = new Hono<AppEnv>()
  .get('/v1/schema.json', (c) => {
    const schema = { $id: new URL('/v1/schema.json', c.req.url).href, ...factBoxJsonSchema() };
    return json(schema, { cacheControl: 'public, max-age=3600' });
  })
  .get('/v1/factboxes', async (c) => {
    const limitParam = c.req.query('limit');
    const limit = limitParam === undefined ? LIST_DEFAULT : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX)
      throw new ApiError('bad_request', `limit must be an integer from 1 to ${LIST_MAX}.`);
    const cursorParam = c.req.query('cursor');
    const after = cursorParam === undefined ? null : decodeCursor(cursorParam);
    if (cursorParam !== undefined && after === null) throw new ApiError('bad_request', 'cursor is not one this API gave.');
    const url = new URL(c.req.url);
    const key = `${url.origin}/v1/factboxes${limitParam || cursorParam ? `?${new URLSearchParams({ limit: String(limit), cursor: cursorParam ?? '' })}` : ''}`;
    const store = readStore(c);
    const res = await readThrough(c.req.raw, key, async () => {
      const page = await store.list(limit, after);
      const body = JSON.stringify({ items: page.items, next: page.next });
      return jsonBody(body, { etag: await strongEtag(body), cacheControl: 'public, max-age=30, s-maxage=30' });
    });
    return withBookmark(res, store, c.req.header('x-d1-bookmark'));
  })
  .get('/v1/factboxes/:slug', async (c) => {
    const slug = checkSlug(c.req.param('slug'));
    const url = new URL(c.req.url);
    const store = readStore(c);
    const res = await readThrough(c.req.raw, `${url.origin}/v1/factboxes/${slug}`, async () => {
      const head = await liveHead(store, slug);
      return jsonBody(head.body, { etag: await headEtag(head) });
    });
    return withBookmark(res, store, c.req.header('x-d1-bookmark'));
  })
  .get('/v1/factboxes/:slug/revisions', async (c) => {
    const slug = checkSlug(c.req.param('slug'));
    const store = readStore(c);
    const revisions = await store.revisions(slug);
    if (revisions.length === 0) throw new ApiError('not_found', `No fact box "${slug}".`);
    const body = JSON.stringify({ slug, revisions });
    // Not edge-cached: it changes with every write, and archived boxes keep their history.
    return withBookmark(jsonBody(body, { etag: await strongEtag(body), cacheControl: 'public, max-age=10' }), store, c.req.header('x-d1-bookmark'));
  })
  .get('/v1/factboxes/:slug/revisions/:n', async (c) => {
    const slug = checkSlug(c.req.param('slug'));
    const n = c.req.param('n');
    if (!/^[1-9]\d{0,8}$/.test(n)) throw new ApiError('bad_request', 'A revision is a whole number from 1.');
    const head = await readStore(c).revision(slug, Number(n));
    if (!head) throw new ApiError('not_found', `No revision ${n} of "${slug}".`);
    // A revision never changes: exactly the bytes stored, cacheable for good.
    const res = jsonBody(head.body, { etag: await headEtag(head), cacheControl: 'public, max-age=31536000, immutable' });
    res.headers.set('x-factbox-state', head.state);
    res.headers.set('x-factbox-author', head.author);
    return res;
  });
