// The script-tag loader. It finds its own origin from its script src (never the host page's),
// renders every [data-factbox] element (and <script data-factbox> short forms) into an open
// Shadow DOM, picks up boxes added later, and resizes iframe embeds of its own origin.
// One global (window.Factbox), no cookies, no storage, no request to anyone but its origin.
import { h, render } from 'preact';
import type { FactBox as Box } from './render/box';
import { FactBox } from './render/components/FactBox';
import { en, isLang, type Labels, type Lang } from './render/i18n';
import { clampHeight, isResizeMessage } from './render/messages';
import { isTheme, type Theme } from './render/themes';

const SELF_RE = /\/embed(\.[0-9a-f]+)?\.js(\?|#|$)/;

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript as HTMLScriptElement | null;
  if (current?.src) return current;
  return [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find((s) => SELF_RE.test(s.src)) ?? null;
}

const script = ownScript();
const ORIGIN = script ? new URL(script.src).origin : '';
const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const FETCH_TIMEOUT_MS = 10_000;

/** Set by scripts/build.mjs: the hash of the stylesheet this build was made with. */
declare const __CSS_VERSION__: string;

const requests = new Map<string, Promise<unknown>>();
const mounted = new WeakSet<Element>();

function warn(message: string, detail?: unknown) {
  console.warn(`[factbox] ${message}`, detail ?? '');
}

/** One request per distinct URL, however many boxes need it; a failure may be retried later, never in a loop. */
function get<T>(path: string, accept: string, parse: (res: Response) => Promise<T>): Promise<T> {
  let p = requests.get(path) as Promise<T> | undefined;
  if (!p) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), FETCH_TIMEOUT_MS);
    p = fetch(ORIGIN + path, { credentials: 'omit', referrerPolicy: 'no-referrer', signal: ctrl.signal, headers: { accept } })
      .then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        if (!(res.headers.get('content-type') ?? '').startsWith(accept)) throw new Error(`not ${accept}`);
        return parse(res);
      })
      .finally(() => clearTimeout(timer));
    requests.set(path, p);
    p.catch(() => requests.delete(path));
  }
  return p;
}

const loadBox = (slug: string) =>
  get(`/v1/factboxes/${slug}`, 'application/json', async (res) => {
    const box = (await res.json()) as Box;
    if (!box || typeof box.title !== 'string' || !Array.isArray(box.figures) || !Array.isArray(box.sources))
      throw new Error('not a fact box');
    return box;
  });

const loadLabels = (lang: Lang): Promise<Labels> =>
  lang === 'en' ? Promise.resolve(en) : get(`/i18n/${lang}.json`, 'application/json', (res) => res.json());

/**
 * The stylesheet comes from our origin as text and goes into a constructable stylesheet:
 * a host CSP that allows only script-src and connect-src for us still applies it, and
 * embed.js stays small. The version makes it immutable in caches.
 */
const loadSheet = () =>
  get(`/embed.css?v=${__CSS_VERSION__}`, 'text/css', async (res) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await res.text());
    return sheet;
  });

export interface MountOptions {
  slug: string;
  theme?: string | null;
  lang?: string | null;
}

/** Render a box into `el`'s shadow root; leaves `el` (and its fallback) untouched on failure. */
export async function mount(el: Element, opts: MountOptions): Promise<boolean> {
  const { slug } = opts;
  const theme: Theme = isTheme(opts.theme) ? opts.theme : 'auto';
  const lang: Lang = isLang(opts.lang) ? opts.lang : 'en';
  if (!SLUG_RE.test(slug)) {
    warn(`not a fact box slug: "${slug}"`);
    return false;
  }
  try {
    const [box, sheet, labels] = await Promise.all([loadBox(slug), loadSheet(), loadLabels(lang)]);
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    render(h(FactBox, { box, labels, locale: lang, theme }), root);
    el.setAttribute('data-factbox-ready', '');
    return true;
  } catch (err) {
    warn(`could not show "${slug}"; the fallback stays`, err instanceof Error ? err.message : err);
    return false;
  }
}

export function unmount(el: Element) {
  if (el.shadowRoot) render(null, el.shadowRoot);
}

function mountData(el: HTMLElement) {
  if (mounted.has(el)) return;
  mounted.add(el);
  let target: HTMLElement = el;
  if (el instanceof HTMLScriptElement) {
    // Short form: <script src=".../embed.js" data-factbox="slug">, rendered right after the script.
    target = document.createElement('div');
    target.className = 'factbox';
    el.after(target);
    mounted.add(target);
  }
  void mount(target, { slug: el.dataset.factbox ?? '', theme: el.dataset.theme, lang: el.dataset.lang });
}

function scan(root: ParentNode) {
  if (root instanceof HTMLElement && root.matches('[data-factbox]')) mountData(root);
  root.querySelectorAll<HTMLElement>('[data-factbox]').forEach(mountData);
}

/** Iframe embeds of this origin tell us their height; resize only the iframe that sent it. */
function onMessage(event: MessageEvent) {
  if (event.origin !== ORIGIN || !isResizeMessage(event.data)) return;
  const height = clampHeight(event.data.height);
  if (height === null) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${height}px`;
      return;
    }
  }
}

/**
 * <fact-box slug theme lang loading>: changing an attribute re-renders (a host page's dark-mode
 * toggle can drive `theme`), removing the element cleans up. Lazy unless loading="eager": it
 * fetches when it comes within a screen of the viewport.
 */
class FactBoxElement extends HTMLElement {
  static observedAttributes = ['slug', 'theme', 'lang'];
  private io?: IntersectionObserver;
  private seen = false;

  connectedCallback() {
    if (this.getAttribute('loading') === 'eager' || !window.IntersectionObserver) return this.show();
    this.io = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && this.show(),
      { rootMargin: '100% 0px' },
    );
    this.io.observe(this);
  }

  attributeChangedCallback() {
    if (this.seen) void this.draw();
  }

  disconnectedCallback() {
    this.io?.disconnect();
    unmount(this);
  }

  private show() {
    this.io?.disconnect();
    this.seen = true;
    void this.draw();
  }

  private draw() {
    const a = (n: string) => this.getAttribute(n);
    return mount(this, { slug: a('slug') ?? '', theme: a('theme'), lang: a('lang') });
  }
}

declare global {
  interface Window {
    Factbox?: { version: string; origin: string; mount: typeof mount; unmount: typeof unmount; scan: () => void };
  }
}

if (ORIGIN && !window.Factbox) {
  window.Factbox = { version: '1', origin: ORIGIN, mount, unmount, scan: () => scan(document) };
  window.addEventListener('message', onMessage);
  if (!customElements.get('fact-box')) customElements.define('fact-box', FactBoxElement);
  scan(document);
  new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach((n) => n instanceof HTMLElement && scan(n));
  }).observe(document.documentElement, { childList: true, subtree: true });
}
