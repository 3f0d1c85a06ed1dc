// The Factbox worker: builds the Hono app, mounts the routes, and turns every error into
// the JSON envelope { "error": { "code", "message" } }.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { CACHE_CONTROL } from './cache';
import type { AppEnv } from './env';
import { ApiError, errorResponse, StorageError, unavailable } from './errors';
import { d1Session, responseHeaders } from './middleware';
import { openApiDocument } from './openapi';
import { assets } from './routes/assets';
import { boxes } from './routes/boxes';
import { builder } from './routes/builder';
import { card } from './routes/card';
import { embed } from './routes/embed';
import { history } from './routes/history';
import { oembed } from './routes/oembed';
import { page } from './routes/page';
import { script } from './routes/script';
import { site } from './routes/site';
import { allowOf, ROUTES } from './routes/table';
import { write } from './routes/write';

const READS = ['GET', 'HEAD'];

export const app = new Hono<AppEnv>();

app.use('*', responseHeaders);
// CORS is open for reads only. A preflight that asks for anything but a read gets no
// Access-Control-Allow-Origin, so a browser on another origin cannot write even with a stolen
// token; an authenticated answer is not shared either.
app.use(
  '*',
  cors({
    origin: (_origin, c) => {
      const method = c.req.method === 'OPTIONS' ? (c.req.header('access-control-request-method') ?? 'GET').toUpperCase() : c.req.method;
      return READS.includes(method) && !c.req.header('authorization') ? '*' : null;
    },
    allowMethods: READS,
    allowHeaders: ['If-None-Match', 'X-D1-Bookmark'],
    exposeHeaders: ['ETag', 'X-D1-Bookmark', 'Retry-After', 'X-Factbox-Stale'],
    maxAge: 86400,
  }),
);
// If-None-Match and 304 on every read; handlers that know their revision set a strong ETag, which
// the middleware keeps, and the rest get one from their bytes.
app.use('*', etag());
app.use('*', d1Session);

app.get('/healthz', (c) => c.json({ ok: true }, 200, { 'cache-control': CACHE_CONTROL.none }));
app.route('/', boxes);
app.route('/', history);
app.route('/', assets);
// Before the /embed/:slug page, whose slug could never end in .js.
app.route('/', script);
app.route('/', embed);
app.route('/', page);
app.route('/', card);
app.route('/', oembed);
app.route('/', builder);
app.route('/', site);
app.route('/', write);
app.get('/openapi.json', (c) => c.json(openApiDocument(new URL(c.req.url).origin), 200, { 'cache-control': CACHE_CONTROL.document }));

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
