// The script of the edge pages /embed/:slug and /f/:slug (inlined, allowed by its hash in the page's CSP; built
// by scripts/build.mjs). It tells the parent page the box's height, in two protocols:
// - ours, { type: "factbox:resize" }, which embed.js obeys on the host page;
// - WordPress's (see widget/render/messages.ts): when the page was framed with #?secret=…, it
//   sends `height`, answers `ready` at any time (wp-embed.js may arrive after this page), picks up
//   a secret that arrives later in the fragment, and turns clicks on links to this origin into
//   `link` messages, because a sandboxed iframe cannot open them itself.
// The slug comes from a data attribute, so the script is constant and so is its hash.
import { openAll, reveal } from './render/disclosure';
import {
  type AmpEmbedSizeMessage,
  isWordPressReady,
  type ResizeMessage,
  type WordPressHeightMessage,
  type WordPressLinkMessage,
} from './render/messages';

const root = document.documentElement;
const slug = root.getAttribute('data-slug') ?? '';
const secretOf = (hash: string) => /[#&]\?secret=([A-Za-z0-9]{1,64})/.exec(hash)?.[1];
let secret = secretOf(location.hash);
let last = 0;

/** The parent's origin, where the browser tells it: a message from anywhere else is ignored. */
function parentOrigin(): string | null {
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors?.length) return ancestors[0]!;
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

function post(force = false): void {
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if ((height === last && !force) || parent === window) return;
  last = height;
  parent.postMessage({ type: 'factbox:resize', slug, height } satisfies ResizeMessage, '*');
  // AMP's amp-iframe resizes a `resizable` frame on this message (it may ask the reader first).
  parent.postMessage({ sentinel: 'amp', type: 'embed-size', height } satisfies AmpEmbedSizeMessage, '*');
  if (secret) parent.postMessage({ secret, message: 'height', value: height } satisfies WordPressHeightMessage, '*');
}

if (window.ResizeObserver) new ResizeObserver(() => post()).observe(document.body);
// embed.js on the host page may start listening after this page has loaded (it loads async, and
// a slow host page delays it): until the frame has the height it asked for, say it again a few
// times, up to ten seconds on. Once it has been applied, never again.
let settled = false;
const applied = () => (settled ||= last > 0 && Math.abs(innerHeight - last) <= 1);
// The parent resizing this frame to the height it asked for is the acknowledgement.
addEventListener('resize', applied);
const retry = () => {
  if (!applied()) post(true);
};
addEventListener('load', () => {
  post();
  for (const ms of [300, 1000, 2500, 5000, 10000]) setTimeout(retry, ms);
});
// wp-embed.js adds the secret to the src of an iframe that loaded before it: only the fragment changes.
addEventListener('hashchange', () => {
  secret = secretOf(location.hash) ?? secret;
  post(true);
});
addEventListener('message', (event) => {
  const expected = parentOrigin();
  if (event.source !== parent || (expected !== null && event.origin !== expected)) return;
  if (!isWordPressReady(event.data)) return;
  if (secret && event.data.secret !== secret) return;
  secret ??= event.data.secret;
  post(true);
});
// Inside WordPress's sandbox a link to this origin ("Read the whole box", "Report an error")
// cannot navigate the top window: ask WordPress to. Other links keep their own behaviour.
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!secret || !link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  if (new URL(link.href).origin !== location.origin) return;
  event.preventDefault();
  parent.postMessage({ secret, message: 'link', value: link.href } satisfies WordPressLinkMessage, '*');
});
// A #fragment naming a part of the box (#views, #sources…) opens it; printing opens every part.
const fragment = () => reveal(document, location.hash.slice(1));
fragment();
addEventListener('hashchange', fragment);
addEventListener('beforeprint', () => openAll(document.querySelectorAll('details')));
post();
