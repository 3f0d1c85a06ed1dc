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
import { REPORTS_PATH, reports } from './routes/reports';
import { script } from './routes/script';
import { site } from './routes/site';
import { allowOf, ROUTES } from './routes/table';
import { write } from './routes/write';
import { Reports } from './factbox/reports';
import { FactBoxStore } from './factbox/store';

const READS = ['GET', 'HEAD'];

export const app = new Hono<AppEnv>();

app.use('*', responseHeaders);
// CORS is open for reads only, and for one public write: a reader's error report (POST
// /v1/factboxes/:slug/reports), which comes from boxes embedded on any site and from sandboxed
// frames (Origin: null, answered by "*"). A preflight that asks for any other write gets no
// Access-Control-Allow-Origin, so a browser on another origin cannot write even with a stolen
// token; an authenticated answer is not shared either. No credentials are ever allowed.
const isReport = (path: string) => REPORTS_PATH.test(path);
app.use(
  '*',
  cors({
    origin: (_origin, c) => {
      const method = c.req.method === 'OPTIONS' ? (c.req.header('access-control-request-method') ?? 'GET').toUpperCase() : c.req.method;
      if (c.req.header('authorization')) return null;
      return READS.includes(method) || (method === 'POST' && isReport(c.req.path)) ? '*' : null;
    },
    allowMethods: (_origin, c) => (isReport(c.req.path) ? ['POST'] : READS),
    // Content-Type: a report is JSON, which takes a preflight; it opens nothing else (see origin).
    allowHeaders: ['If-None-Match', 'X-D1-Bookmark', 'Content-Type'],
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
app.route('/', reports);
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

/**
 * The hourly cron ([triggers] in wrangler.toml): forgets report salts and client hashes the rate
 * limit no longer needs, even when no report comes in to do it.
 */
async function scheduled(_controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  await new Reports(new FactBoxStore(env.DB, { write: true })).forget(Date.now());
}

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;
