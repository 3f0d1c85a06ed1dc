// Per-request middleware of the worker's own (hono's cors, etag and body-limit do the rest, see
// worker/index.ts): response headers every answer carries, and the D1 session as typed c.var.store.
import { createMiddleware } from 'hono/factory';
import { CACHE_CONTROL } from './cache';
import type { AppEnv } from './env';
import { FactBoxStore } from './factbox/store';

/** nosniff everywhere; an answer to a request with credentials is never stored by a shared cache. */
export const responseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.res.headers.set('x-content-type-options', 'nosniff');
  // hono's cors adds Vary: Origin whenever its origin option is a function. Ours answers "*" or
  // nothing whatever the Origin, so the Vary would only split every edge cache entry per site.
  if (c.res.headers.get('vary')?.trim().toLowerCase() === 'origin') c.res.headers.delete('vary');
  if (c.req.header('authorization')) c.res.headers.set('cache-control', `private, ${CACHE_CONTROL.none}`);
});

export const queryTimeout = (env: Env) => Number(env.FACTBOX_D1_TIMEOUT_MS) || undefined;

/**
 * Opens (lazily: a cached answer never touches D1) a read session on D1 for the handlers as
 * c.var.store, following the client's X-D1-Bookmark, and hands the session's bookmark back so
 * the client can carry it on. Write handlers replace it with a session on the primary.
 */
export const d1Session = createMiddleware<AppEnv>(async (c, next) => {
  const sent = c.req.header('x-d1-bookmark');
  c.set('store', new FactBoxStore(c.env.DB, { bookmark: sent ?? null, timeoutMs: queryTimeout(c.env) }));
  await next();
  const bookmark = c.var.store.bookmark() ?? sent;
  if (bookmark && c.res.status < 500) c.res.headers.set('x-d1-bookmark', bookmark);
});
