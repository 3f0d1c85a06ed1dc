// The <fact-box> custom element's name and attributes, beside its JSX typing: embed.js defines
// the element (widget/fact-box.ts, through more.js) and the builder page renders it (worker/routes/builder.tsx).
import type { ComponentChildren } from 'preact';
import type { Lang, Layout, Theme } from './options';

export const ELEMENT_NAME = 'fact-box';
/** Attributes that re-render the box when they change. */
export const ELEMENT_ATTRIBUTES = ['slug', 'theme', 'lang', 'layout', 'loading', 'revision'] as const;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'fact-box': {
        slug: string;
        theme?: Theme;
        lang?: Lang;
        layout?: Layout;
        loading?: 'eager' | 'lazy';
        /** Pins the box to this revision (a whole number from 1); absent: always the latest. */
        revision?: string | number;
        /** Present: the box's claims go into the host page as JSON-LD (off by default). */
        seo?: boolean | '';
        children?: ComponentChildren;
      };
    }
  }
}
