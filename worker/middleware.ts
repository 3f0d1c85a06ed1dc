// Per-request middleware of the worker's own (hono's cors, etag and body-limit do the rest, see
// worker/index.ts): response headers every answer carries, and the D1 session as typed c.var.store.
import { createMiddleware } from 'hono/factory';
import { CACHE_CONTROL } from './cache';
import type { AppEnv } from './env';
import { authenticate } from './auth';
import { FactBoxStore } from './factbox/store';

/** nosniff everywhere; an answer to a request with credentials is never stored by a shared cache. */
export const responseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.res.headers.set('x-content-type-options', 'nosniff');
  // hono's cors adds Vary: Origin whenever its origin option is a function. Ours answers "*" or
  // nothing whatever the Origin, so the Vary would only split every edge cache entry per site.
  const vary = c.res.headers.get('vary');
  if (vary) {
    const kept = vary
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v && v.toLowerCase() !== 'origin');
    if (kept.length) c.res.headers.set('vary', kept.join(', '));
    else c.res.headers.delete('vary');
  }
  if (c.req.header('authorization')) c.res.headers.set('cache-control', `private, ${CACHE_CONTROL.none}`);
});

export const queryTimeout = (env: Env) => Number(env.FACTBOX_D1_TIMEOUT_MS) || undefined;

/**
 * Bookmarks this API hands out are signed (HMAC-SHA-256 with a key derived from FACTBOX_TOKENS,
 * the one secret a deployment that takes writes has), so that a read can tell its own bookmark
 * from an invented one: only a signed bookmark skips the edge cache and constrains the D1 session.
 */
const keys = new Map<string, Promise<CryptoKey>>();
function bookmarkKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(`factbox bookmark key\u0000${secret}`))
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
    keys.set(secret, key);
  }
  return key;
}
const b64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function signBookmark(env: Env, bookmark: string): Promise<string> {
  if (!env.FACTBOX_TOKENS) return bookmark;
  const mac = await crypto.subtle.sign('HMAC', await bookmarkKey(env.FACTBOX_TOKENS), new TextEncoder().encode(bookmark));
  return `${bookmark}.${b64url(mac.slice(0, 16))}`;
}

/** The D1 bookmark inside a signed X-D1-Bookmark, or null when it is not one this API signed. */
async function verifiedBookmark(env: Env, header: string | undefined): Promise<string | null> {
  const at = header?.lastIndexOf('.') ?? -1;
  if (!header || at < 1 || !env.FACTBOX_TOKENS) return null;
  const bookmark = header.slice(0, at);
  const expected = await signBookmark(env, bookmark);
  const a = new TextEncoder().encode(expected);
  const b = new TextEncoder().encode(header);
  if (a.length !== b.length) return null;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0 ? bookmark : null;
}

/**
 * Opens (lazily: a cached answer never touches D1) a read session on D1 for the handlers as
 * c.var.store, following a bookmark this API issued, and hands the session's bookmark back,
 * signed, so the client can carry it on. Write handlers replace it with a session on the primary.
 * c.var.fresh says whether the request may skip the edge cache (see Vars).
 */
export const d1Session = createMiddleware<AppEnv>(async (c, next) => {
  const bookmark = await verifiedBookmark(c.env, c.req.header('x-d1-bookmark'));
  let fresh = bookmark !== null;
  if (!fresh && c.req.header('authorization') && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
    // A read with credentials skips the cache only if they are valid; failures count as any other.
    fresh = await authenticate(c.env, c.req.raw).then(
      () => true,
      () => false,
    );
  }
  c.set('fresh', fresh);
  c.set('store', new FactBoxStore(c.env.DB, { bookmark, timeoutMs: queryTimeout(c.env) }));
  await next();
  const issued = c.var.store.bookmark() ?? bookmark;
  if (issued && c.res.status < 500) c.res.headers.set('x-d1-bookmark', await signBookmark(c.env, issued));
});
