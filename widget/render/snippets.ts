// The embed code for each way of using Factbox, from one function: the builder page renders it
// on the edge and updates it in the browser, and the README shows the same forms.
import type { Lang } from './i18n';
import type { Theme } from './themes';

export const METHODS = ['script', 'iframe', 'element', 'oembed', 'json'] as const;
export type Method = (typeof METHODS)[number];
export const METHOD_NAMES: Record<Method, string> = {
  script: 'Script tag',
  iframe: 'Iframe',
  element: 'Custom element',
  oembed: 'oEmbed URL (WordPress, Ghost, Drupal…)',
  json: 'JSON API',
};

/** Height reserved before the box renders, so the page does not jump. */
export const RESERVED_HEIGHT = 600;

export interface SnippetOptions {
  origin: string;
  slug: string;
  title: string;
  method: Method;
  theme: Theme;
  lang: Lang;
}

/** Escapes text for an HTML attribute or text node of a snippet shown as code. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** "?theme=dark&lang=ko" for the options that differ from the defaults, else "". */
export function embedQuery(theme: Theme, lang: Lang): string {
  const query = new URLSearchParams();
  if (theme !== 'auto') query.set('theme', theme);
  if (lang !== 'en') query.set('lang', lang);
  return query.size ? `?${query}` : '';
}

export function snippet({ origin, slug, title, method, theme, lang }: SnippetOptions): string {
  const opts = (prefix: string) =>
    (theme !== 'auto' ? ` ${prefix}theme="${theme}"` : '') + (lang !== 'en' ? ` ${prefix}lang="${lang}"` : '');
  const page = `${origin}/embed/${slug}`;
  const q = embedQuery(theme, lang);
  switch (method) {
    case 'script':
      return (
        `<div data-factbox="${slug}"${opts('data-')} style="min-height:${RESERVED_HEIGHT}px"><a href="${page}">${esc(title)}</a></div>\n` +
        `<script async src="${origin}/embed.js"></script>`
      );
    case 'iframe':
      return (
        `<iframe src="${page}${q}" title="Fact box: ${esc(title)}" style="width:100%;border:0" height="${RESERVED_HEIGHT}" loading="lazy"></iframe>\n` +
        `<script async src="${origin}/embed.js"></script>`
      );
    case 'element':
      return (
        `<fact-box slug="${slug}"${opts('')} style="min-height:${RESERVED_HEIGHT}px"><a href="${page}">${esc(title)}</a></fact-box>\n` +
        `<script async src="${origin}/embed.js"></script>`
      );
    case 'oembed':
      return `${origin}/f/${slug}`;
    case 'json':
      return `curl ${origin}/v1/factboxes/${slug}`;
  }
}
