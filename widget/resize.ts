// The script of the iframe page /embed/:slug (inlined, allowed by its hash in the page's CSP; built
// by scripts/build.mjs). It tells the parent page the box's height: our own message for embed.js,
// and WordPress's { secret, message: "height", value } when the page was framed with #?secret=…
// (a sandboxed iframe without same-origin: only postMessage reaches out). The slug comes from a
// data attribute, so the script is constant and so is its hash.
import type { ResizeMessage, WordPressHeightMessage } from './render/messages';

const root = document.documentElement;
const slug = root.getAttribute('data-slug') ?? '';
const secret = /[#&]\?secret=([A-Za-z0-9]{1,64})/.exec(location.hash)?.[1];
let last = 0;

function post(): void {
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (height === last || parent === window) return;
  last = height;
  parent.postMessage({ type: 'factbox:resize', slug, height } satisfies ResizeMessage, '*');
  if (secret) parent.postMessage({ secret, message: 'height', value: height } satisfies WordPressHeightMessage, '*');
}

if (window.ResizeObserver) new ResizeObserver(post).observe(document.body);
addEventListener('load', post);
post();
