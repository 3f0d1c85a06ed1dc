// The Factbox worker: builds the Hono app, mounts the routes, and turns every error into
// the JSON envelope { "error": { "code", "message" } }.
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { ApiError, errorResponse } from './errors';
import { boxes } from './routes/boxes';
import { embed } from './routes/embed';

const READ_METHODS = 'GET, HEAD, OPTIONS';

/** Allowed methods per route, for 405 answers and CORS preflight. */
const ROUTES: [string, string][] = [
  ['/healthz', READ_METHODS],
  ['/v1/schema.json', READ_METHODS],
  ['/v1/factboxes', READ_METHODS],
  ['/v1/factboxes/:slug', READ_METHODS],
  ['/embed/:slug', READ_METHODS],
  ['/embed.css', READ_METHODS],
  ['/embed.json', READ_METHODS],
];

export const app = new Hono<AppEnv>();

// CORS is open for reads only. A preflight is answered for GET/HEAD and never grants a
// write method, so a browser on another origin cannot write even with a stolen token.
app.use('*', async (c, next) => {
  if (c.req.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, HEAD',
        'access-control-allow-headers': 'If-None-Match, X-D1-Bookmark',
        'access-control-max-age': '86400',
      },
    });
  }
  await next();
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    const res = new Response(c.res.body, c.res);
    res.headers.set('access-control-allow-origin', '*');
    res.headers.set('access-control-expose-headers', 'ETag, X-D1-Bookmark, Retry-After, X-Factbox-Stale');
    res.headers.set('x-content-type-options', 'nosniff');
    c.res = res;
  }
});

app.get('/healthz', (c) => c.json({ ok: true }, 200, { 'cache-control': 'no-store' }));
app.route('/', boxes);
app.route('/', embed);

for (const [path, allow] of ROUTES) {
  app.all(path, () => {
    throw new ApiError('method_not_allowed', `Use ${allow}.`, { headers: { allow } });
  });
}

app.notFound(() => errorResponse(new ApiError('not_found', 'No such route.')));
app.onError((err) => {
  if (err instanceof ApiError) return errorResponse(err);
  // Never a stack trace in a response; the log keeps what is needed.
  console.error('unhandled', err instanceof Error ? err.message : String(err));
  return errorResponse(new ApiError('internal', 'Something went wrong on our side.'));
});

export default app;
