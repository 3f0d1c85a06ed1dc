// The HTML shell of the edge-rendered pages (/embed/:slug, /f/:slug): one FactBox component
// tree from widget/, rendered to a string, with a Content-Security-Policy that allows only
// the page's own inline style and script, by hash.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { BOX_CSS } from '../../widget/render/styles';

/**
 * Tells the parent page the box's height: our own message for embed.js, and WordPress's
 * { secret, message: "height", value } when the page was framed with #?secret=... (a
 * sandboxed iframe without same-origin: only postMessage reaches out). Constant text, so its
 * CSP hash is constant; the slug comes from a data attribute.
 */
export const RESIZE_JS = `(function(){var d=document.documentElement,s=d.getAttribute("data-slug"),m=/[#&]\\?secret=([A-Za-z0-9]{1,64})/.exec(location.hash),l=0;
function p(){var h=Math.ceil(document.body.getBoundingClientRect().height);if(h===l||parent===window)return;l=h;
parent.postMessage({type:"factbox:resize",slug:s,height:h},"*");if(m)parent.postMessage({secret:m[1],message:"height",value:h},"*")}
if(window.ResizeObserver)new ResizeObserver(p).observe(document.body);addEventListener("load",p);p()})();`;

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
  script?: string;
  head: ComponentChildren;
  body: ComponentChildren;
  frameAncestors: string;
  /** Extra sources for scripts and fetches (the builder loads embed.js from 'self'). */
  scriptSrc?: string;
  connectSrc?: string;
  formAction?: string;
}): Promise<Page> {
  const { css, script } = opts;
  const html =
    '<!doctype html>' +
    renderToString(
      <html lang={opts.lang} data-slug={opts.slug}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {opts.head}
          {/* Our own constant stylesheet and script, not content. */}
          <style dangerouslySetInnerHTML={{ __html: css }} />
        </head>
        <body>
          {opts.body}
          {script && <script dangerouslySetInnerHTML={{ __html: script }} />}
        </body>
      </html>,
    );
  const csp = [
    "default-src 'none'",
    `style-src ${await cspHash(css)}`,
    `script-src ${[script ? await cspHash(script) : '', opts.scriptSrc ?? ''].join(' ').trim() || "'none'"}`,
    ...(opts.connectSrc ? [`connect-src ${opts.connectSrc}`] : []),
    "img-src 'self' data:",
    "base-uri 'none'",
    `form-action ${opts.formAction ?? "'none'"}`,
    `frame-ancestors ${opts.frameAncestors}`,
  ].join('; ');
  return { html, csp };
}

export function htmlResponse(page: Page, init: { etag: string; cacheControl: string; framable: boolean }): Response {
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': page.csp,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    etag: init.etag,
    'cache-control': init.cacheControl,
  };
  if (!init.framable) headers['x-frame-options'] = 'DENY';
  return new Response(page.html, { headers });
}
