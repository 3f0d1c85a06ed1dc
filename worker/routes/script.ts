// The per-box script /embed/:slug.js: one request carries everything a box's first paint needs.
// It is embed.js itself, preceded by the answers embed.js would otherwise ask for one round trip
// later (the box's JSON, the stylesheet, the labels of one language), keyed by the paths it would
// ask for. embed.js takes them from there (widget/embed.ts, `get`) and asks the network only for
// what is not there: another box on the page, another language.
//
// Why a per-box URL rather than embed.js?box=: the one request is cached at the edge per box
// (purged with the box's other representations on every write) and by browsers like the box's
// JSON, while embed.js and its pinned, integrity-checked builds stay one immutable file for pages
// with many boxes and for <fact-box>. The per-box script changes with its box, so it cannot
// carry an integrity hash: the SRI snippet stays on embed.<hash>.js.
import { Hono } from 'hono';
import { labelsFor } from '../../widget/render/i18n/all';
import { isLang } from '../../widget/render/i18n';
import { SHADOW_CSS } from '../../widget/render/styles';
import { CACHE_CONTROL, readThrough } from '../cache';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { readShown } from '../factbox/pin';
import { CSS_VERSION, EMBED_JS } from '../generated/embed';
import { strongEtag } from '../http';
import { checkSlug, pinParam, pinQuery } from '../params';

/** The global embed.js reads its preloaded answers from (see widget/embed.ts). */
export const PRELOAD_GLOBAL = 'FactboxPreload';

export const script = new Hono<AppEnv>().get('/embed/:file{[a-z0-9-]+\\.js}', (c) => {
  const slug = checkSlug(c.req.param('file').slice(0, -'.js'.length));
  const lang = c.req.query('lang') ?? 'en';
  if (!isLang(lang)) throw new ApiError('bad_request', `No labels "${lang}".`);
  // Pinned (?revision=N, what data-revision="N" asks for): the box as GET /v1/factboxes/:slug?revision=N gives it.
  const pin = pinParam(c);
  return readThrough(c, { kind: 'script', slug, lang, revision: pin ?? undefined }, async () => {
    // The box's JSON as embed.js would ask for it: the latest, or the pinned read.
    const { json: box } = await readShown(c.var.store, slug, pin, new URL(c.req.url).origin);
    const preload: Record<string, string> = {
      [`/v1/factboxes/${slug}${pinQuery(pin)}`]: box,
      [`/embed.css?v=${CSS_VERSION}`]: SHADOW_CSS,
      [`/i18n/${lang}.json`]: JSON.stringify(labelsFor(lang)),
    };
    // JSON.stringify makes each answer a JS string literal; U+2028/2029 are fine in ES2019+.
    const body = `(self.${PRELOAD_GLOBAL}=self.${PRELOAD_GLOBAL}||{},Object.assign(self.${PRELOAD_GLOBAL},${JSON.stringify(preload)}));\n${EMBED_JS}`;
    return new Response(body, {
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        // Like the box's JSON: a minute in browsers, revalidated with the ETag; a write purges the edge.
        'cache-control': CACHE_CONTROL.read,
        etag: await strongEtag(body),
      },
    });
  });
});
