// The widget's own labels. Key types come from en.json, so a missing Korean label is a type error.
// embed.js bundles only English; other languages are fetched from /i18n/:lang.json when asked for.
import en from './en.json';

export type Labels = typeof en;
export const LANGS = ['en', 'ko'] as const;
export type Lang = (typeof LANGS)[number];
export { en };

export const isLang = (l: unknown): l is Lang => (LANGS as readonly unknown[]).includes(l);

/** Fills {name} placeholders; values are plain text and Preact escapes them when rendered. */
export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
