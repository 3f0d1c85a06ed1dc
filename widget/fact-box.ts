// The <fact-box> custom element, which embed.js defines (through widget/more.ts, loaded when a page
// has one) with its own mount and unmount, so that one copy of Preact renders every box.
import { ELEMENT_ATTRIBUTES, ELEMENT_NAME } from './render/element';
import type { Options } from './render/options';

type Mount = (
  el: Element,
  opts: { slug: string; revision?: string | null; seo?: string | null } & { [K in keyof Options]?: string | null },
) => Promise<boolean>;

/**
 * <fact-box slug theme lang layout revision seo loading>: changing an attribute re-renders (a host
 * page's dark-mode toggle can drive `theme`), removing the element cleans up. Lazy unless
 * loading="eager": it fetches when it comes within a screen of the viewport.
 */
export function defineFactBox(mount: Mount, unmount: (el: Element) => void): void {
  if (customElements.get(ELEMENT_NAME)) return;
  customElements.define(
    ELEMENT_NAME,
    class extends HTMLElement {
      static observedAttributes = ELEMENT_ATTRIBUTES;
      /** Waits for the element to near the viewport; null once it has been drawn. */
      declare private io?: IntersectionObserver | null;

      connectedCallback() {
        if (this.getAttribute('loading') === 'eager') return this.draw();
        this.io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this.draw(), { rootMargin: '100% 0px' });
        this.io.observe(this);
      }

      attributeChangedCallback() {
        if (this.io === null) this.draw();
      }

      disconnectedCallback() {
        this.io?.disconnect();
        unmount(this);
      }

      private draw() {
        this.io?.disconnect();
        this.io = null;
        const a = (n: string) => this.getAttribute(n);
        void mount(this, {
          slug: a('slug') ?? '',
          theme: a('theme'),
          lang: a('lang'),
          layout: a('layout'),
          revision: a('revision'),
          seo: a('seo'),
        });
      }
    },
  );
}
