// Per-request middleware of the worker's own (hono's cors, etag and body-limit do the rest, see
// worker/index.ts): response headers every answer carries, and the D1 session as typed c.var.store.
import { createMiddleware } from 'hono/factory';
import { CACHE_CONTROL } from './cache';
import type { AppEnv } from './env';
import { authenticate, equal } from './auth';
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
  // An answer to credentials or to a bookmark is the asker's own: no cache anywhere keeps it.
  if (c.req.header('authorization') || c.var.fresh) {
    c.res.headers.set('cache-control', `private, ${CACHE_CONTROL.none}`);
    c.res.headers.delete('cdn-cache-control');
    c.res.headers.delete('cache-tag');
  }
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

/** How long a bookmark from a write lets its holder read past the edge cache. */
export const BOOKMARK_TTL_MS = 5 * 60_000;

const mac = async (env: Env, text: string) =>
  b64url((await crypto.subtle.sign('HMAC', await bookmarkKey(env.FACTBOX_TOKENS ?? ''), new TextEncoder().encode(text))).slice(0, 16));

/** `<bookmark>.<expiry>.<mac>`: only a write hands one out, and it lapses after BOOKMARK_TTL_MS. */
export async function signBookmark(env: Env, bookmark: string, now = Date.now()): Promise<string> {
  const payload = `${bookmark}.${(now + BOOKMARK_TTL_MS).toString(36)}`;
  return `${payload}.${await mac(env, payload)}`;
}

/** The D1 bookmark inside a signed, unexpired X-D1-Bookmark, or null. */
async function verifiedBookmark(env: Env, header: string | undefined, now = Date.now()): Promise<string | null> {
  const m = header && env.FACTBOX_TOKENS ? /^(.+)\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(header) : null;
  if (!m || Number.parseInt(m[2]!, 36) < now) return null;
  // Both are 22 characters (the pattern above): the constant-time comparison of worker/auth.ts.
  const expected = new TextEncoder().encode(await mac(env, `${m[1]}.${m[2]}`));
  return equal(expected, new TextEncoder().encode(m[3]!)) ? m[1]! : null;
}

/**
 * Opens (lazily: a cached answer never touches D1) a read session on D1 for the handlers as
 * c.var.store, following a bookmark this API issued. Only writes hand bookmarks out (see
 * worker/routes/write.ts), signed and short-lived; a read that brings one back gets it back.
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
  const sent = c.req.header('x-d1-bookmark');
  const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  const issued = write && c.res.status < 400 ? c.var.store.bookmark() : null;
  if (issued && c.env.FACTBOX_TOKENS) c.res.headers.set('x-d1-bookmark', await signBookmark(c.env, issued));
  else if (bookmark && sent && c.res.status < 500) c.res.headers.set('x-d1-bookmark', sent);
});
