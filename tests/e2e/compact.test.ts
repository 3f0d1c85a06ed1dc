// The compact box in Chromium: it fits a glance where it is embedded, its committed heights are
// what Chromium renders, the host page does not move or get painted over, and its closed parts
// are native, accessible, opened by a URL fragment and by printing.
import pixelmatch from 'pixelmatch';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, inject, it } from 'vitest';
import heights from '../../widget/render/heights.json';
import { fitHeight, RESERVED_HEIGHT, snippet } from '../../widget/render/snippets';
import { seedBox as box } from '../fixtures/seed-box';
import { axeSource, browserAndHost, hostUrl, openHost, openPage, ready } from './browser';

const W = inject('workerOrigin');
const SLUG = 'north-korea-defections';
const TITLE = 'What does a defection mean?';
const WIDTHS = Object.keys(heights).map(Number);

/** The builder's script-tag snippet, as an editor pastes it. */
const builderSnippet = (opts: Partial<Parameters<typeof snippet>[0]> = {}) =>
  snippet({ origin: W, slug: SLUG, title: TITLE, method: 'script', theme: 'auto', lang: 'en', ...opts });

const PROSE = `<p>${'The story goes on around the box in ordinary paragraphs of text, as stories do. '.repeat(4)}</p>`;
const SCRIPT = `<script async src="${W}/embed.js"></script>`;
/** The builder's snippet without its script (the per-box script), for pages that load embed.js itself. */
const builderDiv = () => builderSnippet().split('\n')[0]!;
/** A news article, as openHost's body and head: a 40em column (358 px wide on a 390 px phone), the box after the first paragraph. */
const article = (box: string, head = '') => ({
  head:
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<style>body{margin:0;font:18px/1.6 Georgia,serif;color:#222;background:#fff}main{max-width:40em;margin:0 auto;padding:16px}</style>${head}`,
  body: `<main><h1>A news story</h1>${PROSE}${box}${PROSE}${PROSE}</main>`,
});
const NO_MARGIN = '<style>body{margin:0}</style>';

const shared = browserAndHost();

/** The rendered box: its host's and its own height, and what a reader sees without a click. */
const measure = (page: Page, selector = '[data-factbox-ready]') =>
  page.$eval(selector, (host) => {
    const aside = host.shadowRoot!.querySelector('aside')!;
    return {
      host: host.getBoundingClientRect().height,
      box: aside.getBoundingClientRect().height,
      width: aside.getBoundingClientRect().width,
      // What is visible without a click: innerText leaves out closed <details>, textContent would not.
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is measured
      seen: (aside as HTMLElement).innerText,
    };
  });

describe('at a glance', () => {
  for (const width of [320, 390, 500, 700]) {
    it(`at ${width} px it is at most 900 px tall and shows, with no click, what the question needs`, async () => {
      const { page, errors } = await openHost(shared, {
        head: NO_MARGIN,
        body: `<div style="width:${width}px">${builderSnippet()}</div>`,
        width: width + 40,
      });
      await ready(page);
      const m = await measure(page);
      expect(m.box).toBeLessThanOrEqual(900);
      expect(m.width).toBe(Math.min(width, 640));
      const seen = m.seen.replace(/\s+/g, ' ');
      const shown = [
        box.title,
        'In 2016 North Korean diplomats and other officials posted abroad appeared to be leaving their posts more often.',
        'about 1,400',
        '3 to 7',
        'more than 12',
        'as of August 2016',
        'as of April 2016',
        'Corrected August 28, 2016',
        ...box.figures.flatMap((f) => [f.label, f.unit]),
        ...box.views.flatMap((v) => [v.name, v.headline]),
      ];
      for (const s of shown) expect(seen, s).toContain(s);
      expect(seen).toMatch(/contested/i); // the tag is set in capitals
      const behindAClick = [
        'Almost everything known about these cases',
        box.figures[0]!.note!,
        box.figures[1]!.estimates![1]!.by,
        box.views[1]!.summary,
        box.views[2]!.quote!,
        box.watch,
        box.timeline[1]!.text,
        box.about,
        'He died in 2011, not 2012.',
      ];
      for (const s of behindAClick) expect(seen, s).not.toContain(s);
      // Each analyst's name leads a line that may end in an ellipsis: the name itself is never cut.
      const cut = await page.$eval(
        '[data-factbox-ready]',
        (host, names) => {
          return [...host.shadowRoot!.querySelectorAll('#views summary .sm')].flatMap((span, i) => {
            const range = document.createRange();
            range.setStart(span.firstChild!, 0);
            range.setEnd(span.firstChild!, names[i]!.length);
            return range.getBoundingClientRect().right > span.getBoundingClientRect().right + 0.5 ? [names[i]] : [];
          });
        },
        box.views.map((v) => v.name),
      );
      expect(cut).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});

describe('known heights (widget/render/heights.json)', () => {
  it('are what Chromium renders, within 10%, by the script tag and in the /embed/ iframe, at every measured width', async () => {
    const page = await shared.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const rendered: Record<number, [number, number]> = {};
    for (const width of WIDTHS) {
      await page.goto(
        hostUrl(shared, {
          head: NO_MARGIN,
          body: `<div style="width:${width}px">${builderSnippet()}</div><iframe src="${W}/embed/${SLUG}" title="Fact box" style="display:block;border:0;width:${width}px" height="300"></iframe>`,
        }),
      );
      await ready(page);
      const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
      await frame.waitForSelector('h1');
      const script = (await measure(page)).box;
      const iframe = await frame.evaluate(() => document.body.getBoundingClientRect().height);
      rendered[width] = [Math.round(script), Math.round(iframe)];
    }
    const committed = heights as Record<string, number>;
    const stale = WIDTHS.filter((w) => rendered[w]!.some((h) => Math.abs(h - committed[w]!) > 0.1 * h));
    expect(
      stale,
      `committed ${JSON.stringify(committed)}, rendered [script, iframe] ${JSON.stringify(rendered)}: run node scripts/measure-heights.ts`,
    ).toEqual([]);
  }, 60_000);
});

/** Sums layout shifts from the first paint on, as Core Web Vitals does. */
const OBSERVE_CLS = `<script>window.__cls=0;new PerformanceObserver(function(l){l.getEntries().forEach(function(e){if(!e.hadRecentInput)window.__cls+=e.value})}).observe({type:'layout-shift',buffered:true})</script>`;

describe('no layout shift, and the host page keeps its own layout', () => {
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    it(`with the builder's snippet, CLS is 0 at a ${width} px viewport, and the container ends with the box`, async () => {
      const { page } = await openHost(shared, { ...article(builderSnippet(), OBSERVE_CLS), width, height });
      await ready(page);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBe(0);
      const m = await measure(page);
      expect(m.host - m.box).toBeLessThan(0.1 * m.box);
      expect(m.host).toBeCloseTo(m.box, 0);
    });
  }

  it('under a strict host CSP the reserved height holds until the box renders, then the container is the box', async () => {
    const csp = `default-src 'none'; script-src ${W}; connect-src ${W}`;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { page } = await openHost(shared, {
      // embed.js, whose request for the box is held back: the per-box script would carry it.
      ...article(builderDiv() + SCRIPT),
      csp,
      width: 390,
      height: 844,
      async beforeGoto(page) {
        await page.addInitScript(() => {
          (window as unknown as { blocked: string[] }).blocked = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            (window as unknown as { blocked: string[] }).blocked.push(e.violatedDirective),
          );
        });
        await page.route(`${W}/v1/factboxes/**`, async (route) => {
          await gate;
          await route.continue();
        });
      },
    });
    await page.waitForFunction(() => !!(window as { Factbox?: unknown }).Factbox);
    // The snippet's own style attribute is refused; embed.js's reservation (CSSOM) is not.
    expect(await page.evaluate(() => (window as unknown as { blocked: string[] }).blocked)).toContain('style-src-attr');
    const before = await page.$eval('[data-factbox]', (el) => ({ height: el.getBoundingClientRect().height, width: el.clientWidth }));
    expect(before.height).toBe(fitHeight(before.width));
    expect(before.height).toBeGreaterThan(RESERVED_HEIGHT); // a phone's column: taller than the snippet's desktop guess
    await page.waitForTimeout(300);
    expect(await page.$eval('[data-factbox]', (el) => el.getBoundingClientRect().height)).toBe(before.height);
    release();
    await ready(page);
    const after = await measure(page);
    expect(after.host).toBeCloseTo(after.box, 0);
    expect(Math.abs(after.box - before.height)).toBeLessThan(0.1 * after.box);
  });

  it("contain applies on the host, and the host page's own sizing of the container stays", async () => {
    const { page } = await openHost(
      shared,
      article(
        `<div data-factbox="${SLUG}" class="box"></div>${SCRIPT}`,
        '<style>.box{min-height:1100px;margin:40px 0;padding:0 8px}</style>',
      ),
    );
    await ready(page);
    const host = await page.$eval('[data-factbox]', (el) => {
      const cs = getComputedStyle(el);
      return {
        contain: cs.contain,
        minHeight: cs.minHeight,
        margin: cs.marginTop,
        padding: cs.paddingLeft,
        height: el.getBoundingClientRect().height,
      };
    });
    expect(host.contain).not.toBe('none');
    expect(host.contain).toBe('content');
    expect(host).toMatchObject({ minHeight: '1100px', margin: '40px', padding: '8px', height: 1100 });
  });

  it('a summary of 200 combining marks changes no host pixel outside the box', async () => {
    async function shot(summary: string | null): Promise<{ png: PNG; rect: { x: number; y: number; width: number; height: number } }> {
      // The container has the host's own fixed height, so the page around it is laid out alike.
      const { page } = await openHost(shared, {
        ...article(`<div data-factbox="${SLUG}" data-theme="light" style="height:900px"></div>${SCRIPT}`),
        width: 800,
        height: 1000,
        beforeGoto: (page) =>
          page.route(`${W}/v1/factboxes/${SLUG}`, async (route) => {
            const res = await route.fetch();
            const json = await res.json();
            if (summary !== null) json.summary = summary;
            await route.fulfill({ response: res, json });
          }),
      });
      await ready(page);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const rect = await page.$eval('[data-factbox]', (el) => el.getBoundingClientRect().toJSON());
      return { png: PNG.sync.read(await page.screenshot({ fullPage: true })), rect };
    }
    const plain = await shot(null);
    const marks = await shot(`a${'\u0301'.repeat(200)} ${'e\u0308'.repeat(50)}`);
    expect(marks.rect).toEqual(plain.rect);
    expect([marks.png.width, marks.png.height]).toEqual([plain.png.width, plain.png.height]);
    // Blank out the box's rectangle in both; everything else must be the same, pixel for pixel.
    const { x, y, width, height } = plain.rect;
    for (const { png } of [plain, marks])
      for (let row = Math.floor(y); row < Math.ceil(y + height); row++)
        png.data.fill(0, (row * png.width + Math.floor(x)) * 4, (row * png.width + Math.ceil(x + width)) * 4);
    expect(pixelmatch(plain.png.data, marks.png.data, null, plain.png.width, plain.png.height, { threshold: 0 })).toBe(0);
  });
});

/** WCAG 2.2 A/AA and best-practice rules of axe-core, over the whole host page and the box's shadow root. */
async function axe(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}

const openEvery = (page: Page) =>
  page.$eval('[data-factbox-ready]', (el) =>
    el.shadowRoot!.querySelectorAll('details').forEach((d) => {
      (d as HTMLDetailsElement).open = true;
    }),
  );

describe('accessible', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe (WCAG 2.2 AA and best practice) in the ${theme} theme, collapsed and expanded`, async () => {
      const { page } = await openHost(shared, {
        ...article(builderSnippet({ theme })),
        width: 390,
        height: 844,
        colorScheme: theme,
      });
      await ready(page);
      expect(await axe(page)).toEqual([]);
      await openEvery(page);
      expect(await axe(page)).toEqual([]);
    });

    it(`/embed/ and /f/ pass axe (WCAG 2.2 AA and best practice) in the ${theme} theme, collapsed and expanded`, async () => {
      const ctx = await shared.browser.newContext({ viewport: { width: 600, height: 800 }, colorScheme: theme });
      const page = await ctx.newPage();
      for (const path of [`/embed/${SLUG}`, `/f/${SLUG}`]) {
        await page.goto(`${W}${path}`);
        expect(await axe(page), path).toEqual([]);
        await page.$$eval('details', (ds) =>
          ds.forEach((d) => {
            (d as HTMLDetailsElement).open = true;
          }),
        );
        expect(await axe(page), `${path}, expanded`).toEqual([]);
      }
    });
  }

  it('opens and closes every part from the keyboard, and each is announced as a collapsed or expanded disclosure', async () => {
    const { page } = await openHost(shared, article(builderSnippet()));
    await ready(page);
    const cdp = await page.context().newCDPSession(page);
    const disclosures = async () => {
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
        nodes: { role?: { value: string }; name?: { value: string }; properties?: { name: string; value: { value: unknown } }[] }[];
      };
      return nodes
        .filter((n) => n.role?.value === 'DisclosureTriangle')
        .map((n) => ({ name: n.name?.value, expanded: n.properties?.find((p) => p.name === 'expanded')?.value.value }));
    };
    const initial = await disclosures();
    const names = initial.map((d) => d.name);
    for (const name of [
      'Read more',
      'Notes on the figures',
      'What to watch',
      'Timeline',
      'Corrected August 28, 2016',
      'Sources',
      'About this box',
    ])
      expect(names).toContain(name);
    expect(
      names.filter((n) => n?.includes('Joon-hee') || n?.includes('Haggard') || n?.includes('Moojin') || n?.includes('Madden')),
    ).toHaveLength(4);
    expect(initial.every((d) => d.expanded === false)).toBe(true);
    // Tab reaches each summary in turn; Enter opens it, Space closes it again.
    // The "Report an error" flags of the figures are in the tab order too; past the last part come the footer's links.
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement?.shadowRoot?.activeElement;
        return { text: el?.textContent ?? null, summary: el?.tagName === 'SUMMARY', report: el?.getAttribute('data-report') ?? null };
      });
    const reached: string[] = [];
    const flags: string[] = [];
    for (let i = 0; i < initial.length + 1; i++) {
      await page.keyboard.press('Tab');
      const { text, summary, report } = await focused();
      if (report !== null && report !== '') {
        flags.push(report);
        i--;
        continue;
      }
      if (!summary) break;
      reached.push(text ?? '');
      await page.keyboard.press('Enter');
      expect((await disclosures())[i]!.expanded, text ?? '').toBe(true);
      await page.keyboard.press('Space');
      expect((await disclosures())[i]!.expanded, text ?? '').toBe(false);
    }
    expect(reached).toHaveLength(initial.length);
    expect(flags).toEqual(['/figures/0', '/figures/1', '/figures/2']);
  });
});

describe('opened from outside', () => {
  it('a URL fragment naming a part (#views) opens it and scrolls to it when the box renders', async () => {
    const tall = `<div style="height:3000px"></div>`;
    const { page } = await openHost(shared, { ...article(tall + builderSnippet()), hash: '#views', height: 800 });
    await ready(page);
    await expect
      .poll(() =>
        page.$eval('[data-factbox-ready]', (el) =>
          [...el.shadowRoot!.querySelectorAll<HTMLDetailsElement>('#views details')].map((d) => d.open),
        ),
      )
      .toEqual([true, true, true, true]);
    const top = await page.$eval('[data-factbox-ready]', (el) => el.shadowRoot!.getElementById('views')!.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(800);
    // Only what was named.
    expect(await page.$eval('[data-factbox-ready]', (el) => el.shadowRoot!.querySelectorAll('details[open]').length)).toBe(4);
  });

  it("a fragment that names the host page's own element stays the host page's", async () => {
    const { page } = await openHost(shared, {
      ...article(`<div style="height:2000px"></div><p id="sources">The host's own sources.</p>${builderSnippet()}`),
      hash: '#sources',
      height: 800,
    });
    await ready(page);
    await page.waitForTimeout(200);
    expect(await page.$eval('[data-factbox-ready]', (el) => (el.shadowRoot!.getElementById('sources') as HTMLDetailsElement).open)).toBe(
      false,
    );
    const top = await page.$eval('#sources', (el) => el.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(5);
  });

  it('printing opens every part, by the stylesheet alone: in the shadow root and on the edge page', async () => {
    const { page } = await openHost(shared, article(builderSnippet()));
    await ready(page);
    const visible = () => page.$eval('[data-factbox-ready]', (el) => el.shadowRoot!.querySelector('#watch p')!.checkVisibility());
    expect(await visible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await visible()).toBe(true); // CSS alone (::details-content)
    expect(
      await page.$eval('[data-factbox-ready]', (el) =>
        [...el.shadowRoot!.querySelectorAll('details')].every((d) => d.lastElementChild!.checkVisibility()),
      ),
    ).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await visible()).toBe(false);
    // The edge page prints expanded without running a script.
    const { page: edge } = await openPage(shared, `${W}/embed/${SLUG}`, { javaScript: false });
    await edge.emulateMedia({ media: 'print' });
    expect(await edge.$$eval('details', (ds) => ds.every((d) => d.lastElementChild!.checkVisibility()))).toBe(true);
  });

  it('on the edge pages (/embed/, /f/), their own script opens the part a fragment names, then and later', async () => {
    const ctx = await shared.browser.newContext({ viewport: { width: 600, height: 700 } });
    for (const path of [`/f/${SLUG}`, `/embed/${SLUG}`]) {
      const page = await ctx.newPage();
      await page.goto(`${W}${path}#views`);
      expect(await page.$$eval('#views details', (ds) => ds.map((d) => (d as HTMLDetailsElement).open))).toEqual([true, true, true, true]);
      expect(await page.$eval('#views', (el) => el.getBoundingClientRect().top)).toBeLessThan(5);
      // Later: a link to another part. (#sources is a <details> in the compact layout, a section in the full.)
      await page.evaluate(() => (location.hash = '#sources'));
      await expect.poll(() => page.$eval('#sources', (el) => (el instanceof HTMLDetailsElement ? el.open : true))).toBe(true);
      await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
      expect(await page.$$eval('details', (ds) => ds.every((d) => (d as HTMLDetailsElement).open))).toBe(true);
      await page.close();
    }
  });
});

describe('the full layout by option', () => {
  it('data-layout="full" on the container and layout="full" on <fact-box> show today\'s box; the element switches back', async () => {
    const { page } = await openHost(
      shared,
      article(`${builderSnippet({ layout: 'full' })}<fact-box id="el" slug="${SLUG}" layout="full" loading="eager"></fact-box>${SCRIPT}`),
    );
    await page.waitForFunction(() => document.querySelectorAll('[data-factbox-ready]').length === 2);
    const layouts = () =>
      page.$$eval('[data-factbox-ready]', (els) =>
        els.map((el) => ({
          cls: el.shadowRoot!.querySelector('aside')!.className,
          details: el.shadowRoot!.querySelectorAll('details').length,
        })),
      );
    expect(await layouts()).toEqual([
      { cls: 'fb', details: 4 },
      { cls: 'fb', details: 4 },
    ]);
    // Every part shown, as before: the full box is several screens tall.
    const full = await measure(page);
    expect(full.seen).toContain('Whether an actual North Korean ambassador');
    expect(full.box).toBeGreaterThan(2000);
    await page.$eval('#el', (el) => el.setAttribute('layout', 'compact'));
    await expect.poll(async () => (await layouts())[1]!.cls).toBe('fb cp');
  });
});
