// The widget's delivery: embed.js (and its pinned, integrity-checked builds), its stylesheet,
// its labels in other languages, and the builder page's script.
import { Hono } from 'hono';
import { labelsFor } from '../../widget/render/i18n/all';
import { isLang } from '../../widget/render/i18n';
import { SHADOW_CSS } from '../../widget/render/styles';
import { CACHE_CONTROL } from '../cache';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import {
  BUILDER_JS,
  CSS_VERSION,
  EMBED_HASH,
  EMBED_INTEGRITY,
  EMBED_JS,
  MORE_FILE,
  MORE_JS,
  REPORT_HASH,
  REPORT_JS,
} from '../generated/embed';

/** A versioned static file: immutable when the URL names the current version, else short-lived. */
function asset(body: string, type: string, immutable: boolean, version: string): Response {
  return new Response(body, {
    headers: {
      'content-type': `${type}; charset=utf-8`,
      'cache-control': immutable ? CACHE_CONTROL.immutable : CACHE_CONTROL.asset,
      etag: `"${version}"`,
    },
  });
}

export const assets = new Hono<AppEnv>()
  .get('/:file{embed(\\.[0-9a-f]{10})?\\.js}', (c) => {
    const file = c.req.param('file');
    const pinned = file !== 'embed.js';
    if (pinned && file !== `embed.${EMBED_HASH}.js`) throw new ApiError('not_found', 'No such version of embed.js.');
    return asset(EMBED_JS, 'text/javascript', pinned, EMBED_HASH);
  })
  // The report form (widget/report.ts), loaded on the first "Report an error" click: embed.js and
  // the edge pages ask for /report.<hash>.js, immutable. Another hash (a page cached before a
  // deploy) gets the current build, briefly cached, rather than a form that does not open.
  .get('/:file{report(\\.[0-9a-f]{10})?\\.js}', (c) =>
    asset(REPORT_JS, 'text/javascript', c.req.param('file') === `report.${REPORT_HASH}.js`, REPORT_HASH),
  )
  // The pinned, integrity-checked form of the current build, for the SRI snippet.
  .get('/embed.json', (c) => {
    const src = new URL(`/embed.${EMBED_HASH}.js`, c.req.url).href;
    return c.json({ src, integrity: EMBED_INTEGRITY, crossorigin: 'anonymous' }, 200, { 'cache-control': CACHE_CONTROL.asset });
  })
  .get('/embed.css', (c) => asset(SHADOW_CSS, 'text/css', c.req.query('v') === CSS_VERSION, CSS_VERSION))
  // Any name, so that a language we do not have is a 404 (not a 405 for a name the route did not match).
  .get('/i18n/:file', (c) => {
    const m = /^([a-z]{2})\.json$/.exec(c.req.param('file'));
    const lang = m?.[1];
    if (!isLang(lang)) throw new ApiError('not_found', `No labels "${c.req.param('file')}"; there are en.json and ko.json.`);
    return c.json(labelsFor(lang), 200, { 'cache-control': CACHE_CONTROL.asset });
  })
  .get('/builder.js', () => asset(BUILDER_JS, 'text/javascript', false, EMBED_HASH))
  // What embed.js imports only when needed (widget/more.ts): an ES module, so CORS-open like every
  // read. Immutable under the current build's name; an embed.js cached before a deploy asks for
  // its own build's name and gets the current build, briefly cached (more.js keeps its exports'
  // names and arguments from build to build), rather than a <fact-box> that never appears.
  .get('/:file{more\\.[0-9a-f]{10}\\.js}', (c) => asset(MORE_JS, 'text/javascript', c.req.param('file') === MORE_FILE, MORE_FILE));
