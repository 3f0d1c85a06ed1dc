// The Factbox worker: builds the Hono app, mounts the routes, and turns every error into
// the JSON envelope { "error": { "code", "message" } }.
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { ApiError, errorResponse, StorageError, unavailable } from './errors';
import { boxes } from './routes/boxes';
import { embed } from './routes/embed';
import { share } from './routes/share';
import { write } from './routes/write';
import { allowOf, ROUTES } from './routes/table';
import { openApiDocument } from './openapi';

export const app = new Hono<AppEnv>();

// CORS is open for reads only. A preflight is answered for GET/HEAD and never grants a
// write method, so a browser on another origin cannot write even with a stolen token.
app.use('*', async (c, next) => {
  const method = c.req.method;
  if (method === 'OPTIONS') {
    const asked = (c.req.header('access-control-request-method') ?? 'GET').toUpperCase();
    // A preflight for anything but a read gets no CORS headers: the browser then refuses it.
    if (asked !== 'GET' && asked !== 'HEAD') return new Response(null, { status: 204 });
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
  const res = new Response(c.res.body, c.res);
  res.headers.set('x-content-type-options', 'nosniff');
  if (c.req.header('authorization')) {
    // An authenticated answer is never stored by a shared cache.
    res.headers.set('cache-control', 'private, no-store');
  } else if (method === 'GET' || method === 'HEAD') {
    res.headers.set('access-control-allow-origin', '*');
    res.headers.set('access-control-expose-headers', 'ETag, X-D1-Bookmark, Retry-After, X-Factbox-Stale');
  }
  // Hono's c.res setter copies the old response's headers over the new one's; clear it first
  // so that cache-control set here wins.
  c.res = undefined as unknown as Response;
  c.res = res;
});

app.get('/healthz', (c) => c.json({ ok: true }, 200, { 'cache-control': 'no-store' }));
app.route('/', boxes);
app.route('/', embed);
app.route('/', write);
app.route('/', share);

app.get('/openapi.json', (c) => c.json(openApiDocument(new URL(c.req.url).origin), 200, { 'cache-control': 'public, max-age=3600' }));

for (const [path, ops] of Object.entries(ROUTES)) {
  const allow = allowOf(ops);
  app.all(path, () => {
    throw new ApiError('method_not_allowed', `Use ${allow}.`, { headers: { allow } });
  });
}

app.notFound(() => errorResponse(new ApiError('not_found', 'No such route.')));
app.onError((err) => {
  if (err instanceof ApiError) return errorResponse(err);
  if (err instanceof StorageError) {
    console.error('storage failure', err.message);
    return errorResponse(unavailable());
  }
  // Never a stack trace in a response; the log keeps what is needed.
  console.error('unhandled', err instanceof Error ? err.message : String(err));
  return errorResponse(new ApiError('internal', 'Something went wrong on our side.'));
});

export default app;
