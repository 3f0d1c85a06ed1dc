// The HTML shell of the edge-rendered pages (/embed/:slug, /f/:slug, the builder): one component
// tree from widget/render/, rendered to a string, with a Content-Security-Policy that allows only
// the page's own inline style and script, by hash.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { BOX_CSS } from '../../widget/render/styles';

export const PAGE_CSS = `${BOX_CSS}html,body{margin:0;padding:0;background:transparent}`;

const hashes = new Map<string, Promise<string>>();
/** CSP source expression for an inline block: 'sha256-…'. */
export function cspHash(text: string): Promise<string> {
  let p = hashes.get(text);
  if (!p) {
    p = crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then((d) => {
      let bin = '';
      for (const b of new Uint8Array(d)) bin += String.fromCharCode(b);
      return `'sha256-${btoa(bin)}'`;
    });
    hashes.set(text, p);
  }
  return p;
}

export interface Page {
  html: string;
  csp: string;
}

/** A complete page. `head` and `body` are Preact trees: everything in them is escaped. */
export async function renderPage(opts: {
  lang: string;
  slug: string;
  css: string;
  /** An inline script of our own, with its CSP hash computed at build (scripts/build.mjs). */
  script?: { code: string; hash: string };
  head: ComponentChildren;
  body: ComponentChildren;
  frameAncestors: string;
  /** Extra sources for scripts and fetches (the builder loads embed.js from 'self'). */
  scriptSrc?: string;
  connectSrc?: string;
  formAction?: string;
  /**
   * The box pages' report form: report.js (an absolute URL of this origin, allowed by that URL
   * alone in script-src, and its origin in connect-src for the POST, also from a sandboxed frame
   * whose own origin is opaque) and the revision shown, which report.js reads from <html>.
   */
  report?: { src: string; revision: number };
}): Promise<Page> {
  const { css, script } = opts;
  const html =
    '<!doctype html>' +
    renderToString(
      <html lang={opts.lang} data-slug={opts.slug} data-report-revision={opts.report?.revision}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          {opts.head}
          {/* Our own constant stylesheet and script, not content. */}
          <style dangerouslySetInnerHTML={{ __html: css }} />
        </head>
        <body>
          {opts.body}
          {script && <script dangerouslySetInnerHTML={{ __html: script.code }} />}
          {opts.report && <script src={opts.report.src} defer />}
        </body>
      </html>,
    );
  const csp = [
    "default-src 'none'",
    `style-src ${await cspHash(css)}`,
    `script-src ${[script?.hash, opts.scriptSrc, opts.report?.src].filter(Boolean).join(' ') || "'none'"}`,
    ...(opts.connectSrc || opts.report
      ? [`connect-src ${[opts.connectSrc, opts.report && new URL(opts.report.src).origin].filter(Boolean).join(' ')}`]
      : []),
    "img-src 'self' data:",
    "base-uri 'none'",
    `form-action ${opts.formAction ?? "'none'"}`,
    `frame-ancestors ${opts.frameAncestors}`,
  ].join('; ');
  return { html, csp };
}

export const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), xr-spatial-tracking=()';

export function htmlResponse(page: Page, init: { etag?: string; cacheControl: string; framable: boolean; status?: number }): Response {
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': page.csp,
    'referrer-policy': 'no-referrer',
    // The pages use no powerful feature; neither may anything they are tricked into loading.
    'permissions-policy': PERMISSIONS_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': init.cacheControl,
  };
  if (init.etag) headers.etag = init.etag;
  if (!init.framable) headers['x-frame-options'] = 'DENY';
  return new Response(page.html, { status: init.status ?? 200, headers });
}
