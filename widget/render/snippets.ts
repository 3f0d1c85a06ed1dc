// The embed code for each way of using Factbox, from one function: the builder page renders it
// on the edge and updates it in the browser, and the README shows the same forms.
import heights from './heights.json';
import type { Lang } from './i18n';
import { type Layout, optionsQuery } from './options';
import type { Theme } from './themes';

export const METHODS = ['script', 'iframe', 'element', 'oembed', 'email', 'amp', 'json'] as const;
export type Method = (typeof METHODS)[number];
export const METHOD_NAMES: Record<Method, string> = {
  script: 'Script tag',
  iframe: 'Iframe',
  element: 'Custom element',
  oembed: 'oEmbed URL (WordPress, Ghost, Drupal…)',
  email: 'Email / RSS (an image of the box, linked)',
  amp: 'AMP (amp-iframe)',
  json: 'JSON API',
};

/**
 * How tall the default box renders in the compact layout at a container width (px), from the
 * heights measured in Chromium (widget/render/heights.json, written by
 * scripts/measure-heights.ts and checked by tests/e2e/compact.test.ts): linear between the
 * measured widths, the narrowest's below them and the widest's above (the box has a max-width).
 * embed.js reserves this height for each box before it renders; other boxes differ, and the
 * container takes the box's own height once it renders.
 */
export function heightFor(width: number): number {
  let a = 0;
  let ha = 0;
  for (const [w, h] of Object.entries(heights)) {
    if (+w >= width) return Math.ceil(a ? ha + ((h - ha) * (width - a)) / (+w - a) : h);
    a = +w;
    ha = h;
  }
  return ha;
}

/**
 * heightFor without its table, for embed.js, whose bytes are counted: a line through the measured
 * heights at 390 px (a phone) and at TYPICAL_WIDTH (so it keeps the snippets' RESERVED_HEIGHT),
 * flat where they are (the narrowest and the widest), within 15 px of heightFor at every width
 * (tests/widget/compact.test.tsx holds it there: re-fit it when the box is re-measured).
 */
export const fitHeight = (width: number) => Math.min(894, Math.max(641, (1163 - 0.772 * width) | 0));

/**
 * The width the snippets reserve for before embed.js runs: an article column of 40em and up,
 * where the box reaches its max-width (640 px), as on a desktop page and in the oEmbed default
 * (600 px wide iframes differ by under 10%). On a phone embed.js sets the height for the real
 * width as soon as it runs, before the box is fetched.
 */
export const TYPICAL_WIDTH = 640;

/** Height reserved before the box renders (the script tag's min-height, the iframe's height). */
export const RESERVED_HEIGHT = /* @__PURE__ */ heightFor(TYPICAL_WIDTH);

export interface SnippetOptions {
  origin: string;
  slug: string;
  title: string;
  method: Method;
  theme: Theme;
  lang: Lang;
  /** "compact" (the default) or "full". */
  layout?: Layout;
  /** The box in words (widget/render/alt.ts), for the email image's alt text. */
  alt?: string;
  /**
   * Pin the embed to this revision: its content as it was, with every correction made since and a
   * notice that the box has changed. Absent: always the latest revision (the default).
   */
  revision?: number;
}

/** Escapes text for an HTML attribute or text node of a snippet shown as code. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The code to paste. The script tag and the element reserve RESERVED_HEIGHT (the compact box at
 * TYPICAL_WIDTH) with an inline style until embed.js sets the height for the real width; a host
 * CSP that blocks inline styles only drops this first guess. (The full layout is taller: the
 * container grows to it when it renders.)
 */
export function snippet({ origin, slug, title, method, theme, lang, layout = 'compact', alt, revision }: SnippetOptions): string {
  const opts = (prefix: string) =>
    (theme !== 'auto' ? ` ${prefix}theme="${theme}"` : '') +
    (lang !== 'en' ? ` ${prefix}lang="${lang}"` : '') +
    (layout !== 'compact' ? ` ${prefix}layout="${layout}"` : '') +
    (revision ? ` ${prefix}revision="${revision}"` : '');
  const reserve = ` style="min-height:${RESERVED_HEIGHT}px"`;
  const page = `${origin}/embed/${slug}`;
  /** A query string with the pin added, if there is one. */
  const withPin = (qs: string) => (revision ? `${qs}${qs ? '&' : '?'}revision=${revision}` : qs);
  const pin = withPin('');
  // The pages' query: the options that differ from the defaults, and the pin.
  const q = withPin(optionsQuery({ theme, lang, layout }));
  // Pinned: the share images of that revision, which never change.
  const card = `${origin}/f/${slug}/${revision ? `revisions/${revision}/` : ''}`;
  switch (method) {
    case 'script':
      // The per-box script: embed.js with this box, its stylesheet and labels inside, one request
      // to a painted box (worker/routes/script.ts). For many boxes on one page, embed.js once.
      return (
        `<div data-factbox="${slug}"${opts('data-')}${reserve}><a href="${page}">${esc(title)}</a></div>\n` +
        `<script async src="${origin}/embed/${slug}.js${withPin(lang !== 'en' ? `?lang=${lang}` : '')}"></script>`
      );
    case 'iframe':
      return (
        // Attributes, not a style: a CMS that strips style attributes (WordPress's kses) keeps them.
        `<iframe src="${page}${q}" title="Fact box: ${esc(title)}" width="100%" height="${RESERVED_HEIGHT}" frameborder="0" loading="lazy"></iframe>\n` +
        `<script async src="${origin}/embed.js"></script>`
      );
    case 'element':
      return (
        // A custom element is inline until embed.js renders it: display:block lets min-height apply.
        `<fact-box slug="${slug}"${opts('')} style="display:block;min-height:${RESERVED_HEIGHT}px"><a href="${page}">${esc(title)}</a></fact-box>\n` +
        `<script async src="${origin}/embed.js"></script>`
      );
    case 'oembed':
      return `${origin}/f/${slug}${pin}`;
    case 'email':
      // Where scripts and frames are stripped: the tall card (600 px wide at 2x), linked to the
      // box, its alt text the box in words (widget/render/alt.ts).
      return (
        `<a href="${origin}/f/${slug}${pin}"><img src="${card}card-tall.png" width="600" ` +
        `alt="${esc(alt ?? `Fact box: ${title}`)}" style="max-width:100%;height:auto;border:0"></a>`
      );
    case 'amp':
      // amp-iframe: resizable (the box asks with AMP's embed-size message), with the overflow
      // button AMP requires and the share card as placeholder while it loads.
      return (
        `<amp-iframe src="${page}${q}" title="Fact box: ${esc(title)}" width="600" height="${RESERVED_HEIGHT}" layout="responsive" ` +
        `sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox" resizable frameborder="0">\n` +
        `  <button overflow type="button">Show the whole fact box</button>\n` +
        `  <amp-img placeholder layout="fill" src="${card}card.png" alt="${esc(title)}"></amp-img>\n` +
        `</amp-iframe>`
      );
    case 'json':
      return `curl ${origin}/v1/factboxes/${slug}${pin}`;
  }
}
