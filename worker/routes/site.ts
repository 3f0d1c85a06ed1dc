// What every crawler and audit asks a site for: an icon (ICO and SVG) and robots.txt.
import { Hono } from 'hono';
import { CACHE_CONTROL } from '../cache';
import type { AppEnv } from '../env';

/** A 32×32 PNG inside an ICO container: the accent blue, a white F. */
const FAVICON_ICO = Uint8Array.from(
  atob(
    'AAABAAEAICAAAAEAIACVAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAFxJREFUeNpjYMABuMMv/KcmZiAGUNtSkhxDL8uxOoLelmM4YmQ7YKAshztiyDiAXDDqAJo5YMDTwKgDBm02HHXAaCIcdcCoA4avA4Zlu3C0WT54umaDonM6UN1zAHo+GcxsD3WGAAAAAElFTkSuQmCC',
  ),
  (ch) => ch.charCodeAt(0),
);

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b57d0"/><path fill="#fff" d="M10 7h13v4h-9v5h7v4h-7v5h-4z"/></svg>`;

/** Everything may be crawled; /embed/ pages say noindex themselves (crawlers must fetch them to see it). */
const ROBOTS = 'User-agent: *\nAllow: /\n';

const file = (body: BodyInit, type: string) =>
  new Response(body, { headers: { 'content-type': type, 'cache-control': CACHE_CONTROL.document } });

export const site = new Hono<AppEnv>()
  .get('/favicon.ico', () => file(FAVICON_ICO as unknown as BodyInit, 'image/x-icon'))
  .get('/favicon.svg', () => file(FAVICON_SVG, 'image/svg+xml'))
  .get('/robots.txt', () => file(ROBOTS, 'text/plain; charset=utf-8'));
