// Theme names, shared by the loader, the custom element and the edge pages.
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const isTheme = (t: unknown): t is Theme => (THEMES as readonly unknown[]).includes(t);
