// One request to a painted box (issue 14), in Chromium on a host page of another origin: the
// per-box script paints its box with no other request, under a strict CSP too; a page of 20
// boxes asks for their data once.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { editableSeedBox } from '../fixtures/seed-box';
import { browserAndHost, expectNoAxeViolations, openHost, ready, shadowText } from './browser';

const W = inject('workerOrigin');
const SLUG = 'north-korea-defections';
const TOKEN = 'e2e-token-0123456789abcdef';
const div = (slug: string, attrs = '') => `<div data-factbox="${slug}"${attrs}><a href="${W}/f/${slug}">A fact box</a></div>`;
const SLUGS = Array.from({ length: 20 }, (_, i) => `many-${i + 1}`);

const shared = browserAndHost();

beforeAll(async () => {
  for (const slug of SLUGS) {
    const res = await fetch(`${W}/v1/factboxes/${slug}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'if-none-match': '*' },
      body: JSON.stringify({ ...editableSeedBox(), title: `Box ${slug}` }),
    });
    expect([201, 412]).toContain(res.status);
  }
});

/** The requests a page made to the worker, as paths. */
const toWorker = (requests: string[]) => requests.filter((u) => u.startsWith(W)).map((u) => u.slice(W.length));

describe('the per-box script', () => {
  it('paints its box with that one request, and nothing else from the worker', async () => {
    const { page, requests, errors } = await openHost(shared, { body: `${div(SLUG)}<script async src="${W}/embed/${SLUG}.js"></script>` });
    await ready(page);
    expect(await shadowText(page, '[data-factbox]')).toContain('about 1,400');
    expect(toWorker(requests)).toEqual([`/embed/${SLUG}.js`]);
    expect(errors).toEqual([]);
    await expectNoAxeViolations(page);
  });

  it('works under a strict CSP with Trusted Types, and fetches what it does not carry (another language)', async () => {
    const csp = `default-src 'none'; script-src ${W}; connect-src ${W}; require-trusted-types-for 'script'`;
    const { page, requests } = await openHost(shared, {
      body: `${div(SLUG)}${div(SLUG, ' data-lang="ko" id="ko"')}<script async src="${W}/embed/${SLUG}.js"></script>`,
      csp,
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-factbox-ready]').length === 2);
    expect(await shadowText(page, '#ko')).toContain('핵심 수치');
    expect(toWorker(requests).sort()).toEqual([`/embed/${SLUG}.js`, '/i18n/ko.json']);
    const radius = await page.$eval('[data-factbox]', (el) => getComputedStyle(el.shadowRoot!.querySelector('aside')!).borderTopLeftRadius);
    expect(radius).toBe('8px');
  });
});

/**
 * Logs each fetch and the box's first render (into its shadow root), with whether the task that ran the loader had ended
 * by then: the loader's first read of document.currentScript starts a timer, which fires after that
 * task (and before any timer the loader sets itself).
 */
const TASKS = `<script>window.log = []; let task;
const current = Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript');
Object.defineProperty(Document.prototype, 'currentScript', { configurable: true, get() {
  const s = current.get.call(this);
  if (s && s.src.includes('/embed') && !task) { task = { ended: false }; setTimeout(() => (task.ended = true)); }
  return s;
} });
const f = window.fetch;
window.fetch = function (url, init) { log.push(['fetch', String(url).split('/').pop(), task?.ended]); return f.call(this, url, init); };
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attach.call(this, init);
  new MutationObserver((_, o) => { o.disconnect(); log.push(['render', '', task?.ended]); }).observe(root, { childList: true });
  return root;
};</script>`;

describe("the script's own task (on a slow phone, compiling and running it is tens of ms already)", () => {
  it('embed.js asks for the box, its stylesheet and labels after it, and renders in a later task', async () => {
    const { page } = await openHost(shared, { body: `${TASKS}${div(SLUG)}<script async src="${W}/embed.js"></script>` });
    await ready(page);
    const log = (await page.evaluate(() => (window as unknown as { log: unknown[] }).log)) as [string, string, boolean][];
    expect(log.map(([what]) => what)).toEqual(['fetch', 'fetch', 'fetch', 'render']);
    expect(log.every(([, , ended]) => ended === true)).toBe(true);
  });

  it('in a hidden tab, where a timer may wait a second, embed.js asks at once', async () => {
    const { page } = await openHost(shared, {
      body: `${TASKS}${div(SLUG)}<script async src="${W}/embed.js"></script>`,
      beforeGoto: (p) => p.addInitScript(() => Object.defineProperty(document, 'hidden', { get: () => true })),
    });
    await ready(page);
    const log = (await page.evaluate(() => (window as unknown as { log: unknown[] }).log)) as [string, string, boolean][];
    expect(log.filter(([what]) => what === 'fetch').map(([, , after]) => after)).toEqual([false, false, false]);
  });

  it('the per-box script renders its box in its own task on a fast device and after it on a slow one, and fetches nothing', async () => {
    // The page's clock: on the fast device no time passes; on the slow one the loader's first
    // reading (when it began to run) is 20 ms before every later one, and no time passes after
    // that. So the box waits only if the loader counts the time its own task took before the box.
    const slow = (p: Page) =>
      p.addInitScript(() => {
        let t = 0;
        performance.now = () => (t = t ? 21 : 1);
      });
    for (const [device, after] of [
      [clock(0), false],
      [slow, true],
    ] as const) {
      const { page } = await openHost(shared, {
        body: `${TASKS}${div(SLUG)}<script async src="${W}/embed/${SLUG}.js"></script>`,
        beforeGoto: device,
      });
      await ready(page);
      const log = (await page.evaluate(() => (window as unknown as { log: unknown[] }).log)) as [string, string, boolean][];
      expect(log).toEqual([['render', '', after]]);
      expect(await shadowText(page, '[data-factbox]')).toContain('about 1,400');
    }
  });

  it('keeps the fallback in view when a box waiting for its first stage is unmounted (a slow device)', async () => {
    // The script's load event comes right after it has run, while the box waits for a frame.
    const { page } = await openHost(shared, {
      body: `${div(SLUG)}<script async src="${W}/embed/${SLUG}.js" onload="Factbox.unmount(document.querySelector('[data-factbox]'))"></script>`,
      beforeGoto: clock(20),
    });
    await page.waitForFunction(() => window.Factbox);
    // Two frames and a task: the wait (a frame, then a task) is over.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done)))));
    // No shadow root, and the fallback link is laid out (one hidden by an empty root would have no box).
    expect(
      await page.$eval('[data-factbox]', (el) => ({
        root: !!el.shadowRoot,
        link: el.querySelector('a')!.getBoundingClientRect().height > 0,
      })),
    ).toEqual({ root: false, link: true });
  });
});

/**
 * Records what a box's shadow root holds after each change embed.js makes to it, and in which
 * animation frame (a requestAnimationFrame loop counts them), with its container's height.
 */
const STAGES = `<script>window.stages = []; let frames = 0; (function count() { frames++; requestAnimationFrame(count); })();
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attach.call(this, init);
  new MutationObserver(() => stages.push({
    frame: frames,
    at: Date.now(),
    height: this.getBoundingClientRect().height,
    title: !!root.querySelector('aside h2'),
    figures: !!root.querySelector('#figures'),
    views: !!root.querySelector('#views'),
    footer: !!root.querySelector('footer'),
    ko: root.textContent.includes('핵심 수치'),
  }) && window.onStage?.(this)).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  return root;
};</script>`;

type Stage = { frame: number; at: number; height: number; title: boolean; figures: boolean; views: boolean; footer: boolean; ko: boolean };

/** The page's clock: a slow device, where every reading is 20 ms after the last; a fast one, where no time passes. */
const clock = (step: number) => (p: Page) =>
  p.addInitScript((ms) => {
    let t = 0;
    performance.now = () => (t += ms);
  }, step);

describe('a new box on a slow device renders a stage per frame (no one long task lays it all out)', () => {
  it('shows its title and lead, then its figures, then the rest, each in a later frame, in its reserved height', async () => {
    const { page } = await openHost(shared, {
      width: 390,
      height: 844,
      body: `${STAGES}${div(SLUG)}<script async src="${W}/embed/${SLUG}.js"></script>`,
      beforeGoto: clock(20),
    });
    await ready(page);
    const stages = (await page.evaluate(() => (window as unknown as { stages: Stage[] }).stages)) as Stage[];
    expect(stages.map(({ title, figures, views, footer }) => ({ title, figures, views, footer }))).toEqual([
      { title: true, figures: false, views: false, footer: false },
      { title: true, figures: true, views: false, footer: false },
      { title: true, figures: true, views: true, footer: true },
    ]);
    // A frame between stages, so each is laid out on its own (or, on a machine too busy to draw
    // one in time, the 99 ms timer that stands in for it).
    const later = (a: Stage, b: Stage) => b.frame > a.frame || b.at - a.at >= 90;
    expect(later(stages[0]!, stages[1]!)).toBe(true);
    expect(later(stages[1]!, stages[2]!)).toBe(true);
    // The container keeps its reserved height while the stages fill it: nothing below it moves.
    expect(stages[0]!.height).toBeGreaterThan(600);
    expect(stages[1]!.height).toBe(stages[0]!.height);
    expect(await shadowText(page, '[data-factbox]')).toContain('about 1,400');
  });

  it('renders the whole box at once on a fast device', async () => {
    const { page } = await openHost(shared, {
      body: `${STAGES}${div(SLUG)}<script async src="${W}/embed.js"></script>`,
      beforeGoto: clock(0),
    });
    await ready(page);
    const stages = (await page.evaluate(() => (window as unknown as { stages: Stage[] }).stages)) as Stage[];
    expect(stages.map(({ figures, views, footer }) => [figures, views, footer])).toEqual([[true, true, true]]);
  });

  it('finishes in a tab where requestAnimationFrame never fires (a hidden tab)', async () => {
    const { page } = await openHost(shared, {
      body: `${div(SLUG)}<script async src="${W}/embed.js"></script>`,
      beforeGoto: async (p) => {
        await clock(20)(p);
        await p.addInitScript(() => {
          window.requestAnimationFrame = () => 1;
        });
      },
    });
    await ready(page);
    const parts = await page.$eval('[data-factbox]', (el) =>
      ['#figures', '#views', 'footer'].map((s) => !!el.shadowRoot!.querySelector(s)),
    );
    expect(parts).toEqual([true, true, true]);
  });

  it('finishes a box whose options change mid-stage, then shows the new ones; it never goes back to a part', async () => {
    const { page } = await openHost(shared, {
      width: 390,
      height: 844,
      body: `${STAGES}<script>window.onStage = (el) => { window.onStage = null; Factbox.mount(el, { slug: '${SLUG}', lang: 'ko' }); };</script>${div(SLUG)}<script async src="${W}/embed.js"></script>`,
      beforeGoto: clock(20),
    });
    await page.waitForFunction(() => document.querySelector('[data-factbox]')?.shadowRoot?.textContent?.includes('핵심 수치'));
    await page.waitForTimeout(300);
    const stages = (await page.evaluate(() => (window as unknown as { stages: Stage[] }).stages)) as Stage[];
    const whole = stages.findIndex((s) => s.figures && s.views && s.footer);
    expect(whole).toBeGreaterThan(0);
    for (const s of stages.slice(whole)) expect([s.figures, s.views, s.footer]).toEqual([true, true, true]);
    expect(stages.at(-1)!.ko).toBe(true);
    // Until the first box was whole, the container held its reserved height.
    for (const s of stages.slice(0, whole)) expect(s.height).toBe(stages[0]!.height);
  });

  it('stops a box removed mid-stage (Factbox.unmount)', async () => {
    const { page } = await openHost(shared, {
      body: `${STAGES}<script>window.onStage = (el) => { window.onStage = null; Factbox.unmount(el); };</script>${div(SLUG)}<script async src="${W}/embed.js"></script>`,
      beforeGoto: clock(20),
    });
    await page.waitForFunction(() => (window as unknown as { stages: Stage[] }).stages.length > 0);
    await page.waitForTimeout(500);
    expect(await page.$eval('[data-factbox]', (el) => el.shadowRoot?.childNodes.length)).toBe(0);
    expect(await page.$('[data-factbox-ready]')).toBeNull();
  });

  it('re-renders a box already shown (another language) at once, not in stages', async () => {
    const { page } = await openHost(shared, {
      body: `${STAGES}<fact-box id="el" slug="${SLUG}" loading="eager"></fact-box><script async src="${W}/embed.js"></script>`,
      beforeGoto: clock(20),
    });
    await ready(page);
    await page.evaluate(() => {
      (window as unknown as { stages: Stage[] }).stages.length = 0;
      document.getElementById('el')!.setAttribute('lang', 'ko');
    });
    await page.waitForFunction(() => document.getElementById('el')?.shadowRoot?.textContent?.includes('핵심 수치'));
    await page.waitForTimeout(200);
    const stages = (await page.evaluate(() => (window as unknown as { stages: Stage[] }).stages)) as Stage[];
    expect(stages.length).toBeGreaterThan(0);
    for (const s of stages) expect([s.figures, s.views, s.footer]).toEqual([true, true, true]);
  });
});

describe('a hostile or busy host page', () => {
  it('ignores an element named FactboxPreload (DOM clobbering): it is no preloaded answer', async () => {
    const clobber = `<form id="FactboxPreload"><input name="/v1/factboxes/${SLUG}"><input name="/i18n/en.json"></form>`;
    const { page, errors } = await openHost(shared, { body: `${clobber}${div(SLUG)}<script async src="${W}/embed.js"></script>` });
    await ready(page);
    expect(await shadowText(page, '[data-factbox]')).toContain('about 1,400');
    expect(errors).toEqual([]);
  });

  it('renders the latest of overlapping mounts once, and wires "Report an error" once', async () => {
    // Attributes changed while the first mount is still fetching (a builder, a dark-mode toggle).
    const { page } = await openHost(shared, {
      body: `<fact-box id="el" slug="${SLUG}" loading="eager"></fact-box><script async src="${W}/embed.js"></script>
<script>const el = document.getElementById('el'); customElements.whenDefined('fact-box').then(() => { el.setAttribute('theme', 'dark'); el.setAttribute('lang', 'ko'); el.setAttribute('layout', 'full'); });</script>`,
    });
    await page.waitForFunction(() => document.getElementById('el')?.shadowRoot?.querySelector('aside.fb:not(.cp)[data-theme="dark"]'));
    await page.waitForTimeout(300);
    expect(await shadowText(page, '#el')).toContain('핵심 수치');
    await page.locator('#el [data-report=""]').click();
    await page.locator('#el .rf textarea').waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('#el .rf').count()).toBe(1);
  });
});

describe('many boxes on one page', () => {
  it('asks for the data of 20 boxes in one request, and for a box added later on its own', async () => {
    const { page, requests, errors } = await openHost(shared, {
      body: `${SLUGS.map((s) => div(s)).join('')}<script async src="${W}/embed.js"></script>`,
    });
    await page.waitForFunction((n) => document.querySelectorAll('[data-factbox-ready]').length === n, SLUGS.length);
    const data = toWorker(requests).filter((p) => p.startsWith('/v1/'));
    expect(data).toEqual([`/v1/factboxes?slugs=${SLUGS.join(',')}`]);
    expect(await shadowText(page, `[data-factbox="${SLUGS[19]}"]`)).toContain(`Box ${SLUGS[19]}`);
    await page.evaluate((s) => document.body.insertAdjacentHTML('beforeend', `<div id="late" data-factbox="${s}"></div>`), SLUG);
    await ready(page, '#late[data-factbox-ready]');
    expect(toWorker(requests).filter((p) => p.startsWith('/v1/'))).toEqual([...data, `/v1/factboxes/${SLUG}`]);
    expect(errors).toEqual([]);
  });

  it('shows the boxes it can and keeps the fallback of one it cannot', async () => {
    const { page } = await openHost(shared, {
      body: `${div(SLUGS[0]!)}${div('no-such-box', ' id="missing"')}${div(SLUGS[1]!)}<script async src="${W}/embed.js"></script>`,
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-factbox-ready]').length === 2);
    await page.waitForTimeout(200);
    expect(await page.locator('#missing > a').isVisible()).toBe(true);
    expect(await page.$eval('#missing', (el) => el.shadowRoot)).toBeNull();
  });
});
