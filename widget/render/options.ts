// The reader-facing options of an embed (theme, label language, layout), parsed in one place
// for every way they arrive: a query string (/embed/, /f/, the builder form), data attributes
// (the script tag) and element attributes (<fact-box>). Unknown values fall back to defaults.
import { isLang, LANGS, type Lang } from './i18n';
import { isTheme, THEMES, type Theme } from './themes';

export const LAYOUTS = ['compact', 'full'] as const;
export type Layout = (typeof LAYOUTS)[number];
export const isLayout = (l: unknown): l is Layout => (LAYOUTS as readonly unknown[]).includes(l);

export { LANGS, THEMES, type Lang, type Theme };

export interface Options {
  theme: Theme;
  lang: Lang;
  layout: Layout;
}

/** The embed paths show the compact box; the shareable page /f/ the full one. */
export const DEFAULTS: Options = { theme: 'auto', lang: 'en', layout: 'compact' };

/** Reads options through `get` (a query, dataset or attribute lookup), each checked, else the default. */
export function parseOptions(get: (name: keyof Options) => string | null | undefined, defaults: Options = DEFAULTS): Options {
  const theme = get('theme');
  const lang = get('lang');
  const layout = get('layout');
  return {
    theme: isTheme(theme) ? theme : defaults.theme,
    lang: isLang(lang) ? lang : defaults.lang,
    layout: isLayout(layout) ? layout : defaults.layout,
  };
}

/** "?theme=dark&lang=ko" for the options that differ from `defaults`, else "": the short form for snippets. */
export function optionsQuery(o: Options, defaults: Options = DEFAULTS): string {
  const query = new URLSearchParams();
  for (const k of ['theme', 'lang', 'layout'] as const) if (o[k] !== defaults[k]) query.set(k, o[k]);
  return query.size ? `?${query}` : '';
}

/** Every combination, for purging each cached variant of a page. */
// Pure: a bundle that does not use it (embed.js) leaves it out.
export const ALL_OPTIONS: Options[] = /* @__PURE__ */ THEMES.flatMap((theme) =>
  LANGS.flatMap((lang) => LAYOUTS.map((layout) => ({ theme, lang, layout }))),
);
