// Opening a box's closed parts from outside it: a URL fragment that names a part (#views,
// #sources…) opens it and scrolls to it, and printing opens every part. embed.js does this in
// each box's shadow root; the edge pages (/embed/:slug, /f/:slug) on their document.
// Typed by what it uses, not by DOM types: the render layer is also compiled for the worker,
// which has none (a Document, a ShadowRoot and their elements fit these shapes).

/** An element: a <details> has `open`; a section holds <details>. */
export interface Part {
  id: string;
  open?: boolean;
  querySelectorAll(selector: 'details'): Iterable<Part>;
  scrollIntoView(): void;
}

/** Opens each <details> given; other elements are left alone. */
export function openAll(parts: Iterable<Part>): void {
  for (const p of parts) if ('open' in p) p.open = true;
}

/**
 * Opens the part with this id, with the <details> it holds (#views: every view; #sources: that
 * one), and scrolls to it. Returns it, or null when `root` has no such part.
 */
export function reveal(root: { getElementById(id: string): Part | null }, id: string): Part | null {
  const target = root.getElementById(id);
  if (target) {
    openAll([target, ...target.querySelectorAll('details')]);
    target.scrollIntoView();
  }
  return target;
}
