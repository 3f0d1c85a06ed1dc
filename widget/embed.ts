// The script-tag loader. It finds its own origin from its script src (never the host page's),
// renders every [data-factbox] element (and <script data-factbox> short forms) into an open
// Shadow DOM, picks up boxes added later, and resizes iframe embeds of its own origin.
// One global (window.Factbox; a per-box script adds FactboxPreload, the report form FactboxReport),
// no cookies, no storage, no request to anyone but its origin. What only some pages need (the
// <fact-box> element, fragment opening, data-seo, the report form) it imports from its origin
// when a page needs it, so that it stays within its 8 KB gzip budget.
// The compact layout unless data-layout="full" / layout="full". Before a box renders its
// container keeps the default box's known height at its width (fitHeight, set through the CSSOM,
// which a host CSP that blocks style attributes allows); once rendered it is the box's own.
// A URL fragment naming a section (#views) opens it; printed, every section is open (CSS).
import { h, render } from 'preact';
import type { FactBox as Box } from './render/box';
import { FactBox } from './render/components/FactBox';
import { ELEMENT_NAME } from './render/element';
import { isLang, type Labels, type Lang } from './render/i18n';
import { clampHeight, type ResizeMessage } from './render/messages';
import type { Layout, Options } from './render/options';
import { fitHeight } from './render/snippets';
import { isTheme } from './render/themes';

/** embed.js, a pinned embed.<hash>.js, or a per-box /embed/<slug>.js. */
const SELF_RE = /\/embed(\.[0-9a-f]+|\/[a-z0-9-]+)?\.js(\?|#|$)/;

function ownScript(): HTMLScriptElement | undefined {
  const current = document.currentScript as HTMLScriptElement | null;
  return current?.src ? current : [...document.scripts].find((s) => SELF_RE.test(s.src));
}

const script = ownScript();
const ORIGIN = script ? new URL(script.src).origin : '';
const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Set by scripts/build.mjs: the hash of the stylesheet this build was made with. */
declare const __CSS_VERSION__: string;
/** Set by scripts/build.mjs: the file name (more.<hash>.js) of what embed.js loads only when needed. */
declare const __MORE__: string;

/** Set by scripts/build.mjs: the report form's file (report.<hash>.js, widget/report.ts). */
declare const __REPORT__: string;

/** widget/more.ts, loaded once when a box needs it. */
const more = (): Promise<typeof import('./more')> => import(`${ORIGIN}/${__MORE__}`);

const requests = new Map<string, Promise<unknown>>();
/** The options of each element's latest mount. */
const latest = new WeakMap<Element, MountOptions>();
/** What a report from each box is about: its slug and the revision it shows. */
const shown = new WeakMap<Element, { origin: string; slug: string; revision: number }>();
/** Resolves when the next box may render (see mount). */
let turn: Promise<unknown> = Promise.resolve();
/** When this script began to run (after it was compiled); 0 once its task is over or a box has rendered in it (see mount's stages). */
let began = performance.now();
/**
 * Resolves once the task that runs this script is over; at once in a hidden tab, where nothing is
 * drawn and a timer may wait a second.
 */
const after = new Promise((next) => (document.hidden ? next : setTimeout)(next)).then(() => (began = 0));
/**
 * The next frame, once this one is laid out and painted: requestAnimationFrame, then a task. And a
 * timer, because requestAnimationFrame never fires in a hidden tab.
 */
const frame = () =>
  new Promise((next) => {
    requestAnimationFrame(() => setTimeout(next));
    setTimeout(next, 99);
  });
const mounted = new WeakSet<Element>();

/** The answer to `path`, pending or done; forgotten if it fails, so a later mount may try again. */
function remember(path: string, p: Promise<unknown>) {
  requests.set(path, p);
  p.catch(() => requests.delete(path));
}

/**
 * One request per distinct URL, however many boxes need it; a failure may be retried later, never
 * in a loop. A per-box script (/embed/<slug>.js, worker/routes/script.ts) comes with the answers
 * to its box's requests in window.FactboxPreload: those never reach the network.
 */
function get<T>(path: string, type: string, parse: (text: string) => T): Promise<T> {
  let p = requests.get(path) as Promise<T> | undefined;
  if (!p) {
    // A string: an element named FactboxPreload in the host page (DOM clobbering) is not an answer.
    const preloaded = self.FactboxPreload?.[path];
    // Preloaded: parsed in this task's microtasks, so that a fast device renders the box in the
    // script's own task (mount decides, by the time this task has taken). A fetch waits for the
    // end of the script's task: on a slow phone a page's first fetch (which sets up its loader)
    // takes tens of ms, as compiling and running this script does, and together they would be a
    // long task. No Referer: this origin never learns which page asked. No cookies from a host
    // page (a request to another origin carries none by default; the builder, on this origin,
    // would send this origin's own).
    p =
      typeof preloaded == 'string'
        ? Promise.resolve(preloaded).then(parse)
        : after.then(() =>
            fetch(ORIGIN + path, {
              referrerPolicy: 'no-referrer',
              signal: AbortSignal.timeout(10_000), // a request that hangs gives up after 10 s
            }).then(async (res) => {
              const got = res.headers.get('content-type') ?? '';
              if (!res.ok || !got.startsWith(type)) throw Error(`${res.status} ${got}`);
              return parse(await res.text());
            }),
          );
    remember(path, p);
  }
  return p;
}

const boxPath = (slug: string) => `/v1/factboxes/${slug}`;

/** A box from the API, or a throw: a broken answer leaves the fallback, never a broken box. */
function check(box: Box): Box {
  if (typeof box?.title != 'string' || ![box.figures, box.sources].every(Array.isArray)) throw Error('not a box');
  return box;
}

/** A box, the latest or pinned (`pin` is "?revision=N": that revision with every later correction). */
const loadBox = (slug: string, pin = '') => get(boxPath(slug) + pin, 'application/json', (text) => check(JSON.parse(text)));

/**
 * Many boxes on one page: one request for the first 20 found together (GET /v1/factboxes?slugs=),
 * whose answer stands in for each box's own request; any more ask on their own. A box the batch
 * cannot give fails alone.
 */
function batch(slugs: string[]) {
  const all = get(`/v1/factboxes?slugs=${slugs}`, 'application/json', JSON.parse) as Promise<{ items: { slug: string; box?: Box }[] }>;
  for (const slug of slugs)
    remember(
      boxPath(slug),
      all.then(({ items }) => check(items.find((it) => it.slug == slug)?.box as Box)),
    );
}

/** Labels, English too, come from our origin in parallel with the box: embed.js stays small. */
const loadLabels = (lang: Lang): Promise<Labels> => get(`/i18n/${lang}.json`, 'application/json', JSON.parse);

/**
 * The stylesheet comes from our origin as text and goes into a constructable stylesheet:
 * a host CSP that allows only script-src and connect-src for us still applies it, and
 * embed.js stays small. The version makes it immutable in caches.
 */
const loadSheet = () =>
  get(`/embed.css?v=${__CSS_VERSION__}`, 'text/css', (text) => {
    // replaceSync: no task in between, and the sheet has no @import that would need the async form.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });

/** The slug, and theme, lang and layout as given (checked by parseOptions). */
export type MountOptions = { slug: string; revision?: string | null; seo?: string | null } & { [K in keyof Options]?: string | null };

/** Render a box into `el`'s shadow root; leaves `el` (and its fallback) untouched on failure. */
export async function mount(el: Element, opts: MountOptions): Promise<boolean> {
  const { slug } = opts;
  // As parseOptions (render/options.ts) does, which embed.js cannot afford to bundle.
  const theme = isTheme(opts.theme) ? opts.theme : 'auto';
  const lang = isLang(opts.lang) ? opts.lang : 'en';
  const { style } = el as HTMLElement;
  let pass: ((value?: unknown) => void) | undefined;
  // The latest mount of an element wins: one started earlier (an attribute changed meanwhile)
  // that finishes later renders nothing.
  latest.set(el, opts);
  try {
    if (!SLUG_RE.test(slug)) throw Error('bad slug');
    // Until the box is there its container holds the default box's height at this width (set
    // through the CSSOM, which a host CSP that blocks style attributes allows); then it is the
    // box's own height, or the fallback's if the box cannot load.
    if (!el.shadowRoot) style.minHeight = `${fitHeight(el.clientWidth)}px`;
    // A pinned box (data-revision, revision=): the API refuses anything but a revision number.
    const pin = opts.revision ? `?revision=${encodeURIComponent(opts.revision)}` : '';
    const [box, sheet, labels] = await Promise.all([loadBox(slug, pin), loadSheet(), loadLabels(lang)]);
    // One box at a time, a frame apart: a page of many boxes renders and lays them out in tasks of
    // a box (or of a stage, below) each, never in one long task. The turn passes on when this
    // mount, which waits for the one before, is done, rendered or not (finally); the first box
    // does not wait.
    const mine = turn;
    turn = new Promise((done) => (pass = done)).then(frame);
    await mine;
    if (latest.get(el) != opts) return false;
    // The layout as given: FactBox shows the full one for "full" and the compact one for anything else.
    const props = { box, labels, locale: lang, theme, layout: opts.layout as Layout, historyUrl: `${ORIGIN}/f/${slug}/history` };
    // A new box on a slow device: its title and lead, then its figures, then the rest, each laid
    // out and painted in a frame of its own, so that no one long task lays out the whole box. The
    // sign is the time: once the stages have taken a frame's time (16 ms), the next one waits for
    // the next frame; a fast device renders it all in one, with no frame's delay. The first stage
    // waits too when a per-box script brought the box and the script's own task has already run
    // that long (from when the script began to run, parsing what it brought included).
    // The shadow root comes with the first stage: attached earlier, it would hide the fallback
    // while the box is not there yet.
    // A mount that comes meanwhile (an attribute changed) waits for its turn, so this one finishes
    // the box it started; one that removed the box (unmount) stops it.
    const start = performance.now();
    let root = el.shadowRoot;
    for (const stage of root ? ([0] as const) : ([1, 2, 0] as const)) {
      if (performance.now() - (began || start) > 16) {
        await frame();
        if (!latest.has(el)) return false;
      }
      if (!root) (root = el.attachShadow({ mode: 'open' })).adoptedStyleSheets = [sheet];
      render(h(FactBox, { ...props, stage }), root);
      began = 0;
    }
    el.setAttribute('data-factbox-ready', '');
    // The first box this element shows (however many mounts overlapped): wired once.
    const fresh = !shown.has(el);
    shown.set(el, { origin: ORIGIN, slug, revision: box.revision });
    // "Report an error": the form (report.js, with its own Preact) comes on the first click.
    if (fresh)
      root!.addEventListener('click', (e) => {
        const control = (e.target as Element).closest('[data-report]');
        if (control) import(`${ORIGIN}/${__REPORT__}`).then(() => self.FactboxReport?.open(control, shown.get(el)!));
      });
    // A URL fragment that names a part of the box (#views), and nothing of the host page, opens
    // that part when the box first renders. (Host pages rarely link into a box later: unlike the
    // edge pages, embed.js does not follow fragment changes.)
    const id = location.hash.slice(1);
    if (fresh && id && !document.getElementById(id)) more().then((m) => m.reveal(root!, id));
    // data-seo / seo: the claims of the box shown (pinned or not) as JSON-LD in the host page, for search engines.
    if (fresh && opts.seo != null) more().then((m) => m.addClaims(el, ORIGIN, slug, pin));
    return true;
  } catch (err) {
    console.warn('[factbox]', slug, err);
    return false;
  } finally {
    style.minHeight = '';
    pass?.();
  }
}

export function unmount(el: Element) {
  latest.delete(el);
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
  }
  void mount(target, { ...el.dataset, slug: el.dataset.factbox ?? '' });
}

function scan(root: ParentNode) {
  // <fact-box> elements: their definition comes with more.js, the first time a page has one.
  if ((root as Element).matches?.(ELEMENT_NAME) || root.querySelector(ELEMENT_NAME)) more().then((m) => m.defineFactBox(mount, unmount));
  const found = [...root.querySelectorAll<HTMLElement>('[data-factbox]')];
  if ((root as Element).matches?.('[data-factbox]')) found.unshift(root as HTMLElement);
  // Boxes not asked for yet, and not in a per-box script's preload: two or more go in one batch.
  const slugs = [
    ...new Set(
      found
        .filter((el) => !el.dataset.revision)
        .map((el) => el.dataset.factbox!)
        .filter((s) => SLUG_RE.test(s) && !requests.has(boxPath(s)) && !self.FactboxPreload?.[boxPath(s)]),
    ),
  ];
  if (slugs[1]) batch(slugs.slice(0, 20));
  found.forEach(mountData);
}

/** Iframe embeds of this origin tell us their height; resize only the iframe that sent it. */
function onMessage(event: MessageEvent) {
  const data = event.data as ResizeMessage | null;
  const height = event.origin == ORIGIN && data?.type == 'factbox:resize' && clampHeight(data.height);
  const sender = height && [...document.querySelectorAll('iframe')].find((f) => f.contentWindow == event.source);
  if (sender) {
    sender.style.height = `${height}px`;
    // The oEmbed html's fallback link to this box (a trusted provider's, which WordPress does not
    // hide; a CMS may have wrapped it in a paragraph of its own): the box is here now.
    document
      .querySelectorAll<HTMLElement>('.factbox-oembed')
      .forEach((b) => b.querySelector('a')?.href.split('?')[0] == `${ORIGIN}/f/${data.slug}` && (b.hidden = true));
  }
}

declare global {
  interface Window {
    FactboxPreload?: Record<string, string>;
    Factbox?: { origin: string; mount: typeof mount; unmount: typeof unmount; scan: () => void };
  }
}

if (ORIGIN && !window.Factbox) {
  window.Factbox = { origin: ORIGIN, mount, unmount, scan: () => scan(document) };
  addEventListener('message', onMessage);
  // Printing opens every part through the stylesheet alone (::details-content in @media print).
  scan(document);
  new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach((n) => n instanceof HTMLElement && scan(n));
  }).observe(document.documentElement, { childList: true, subtree: true });
}
