// The script-tag and iframe embeds on a host page of another origin, in Chromium.
import { describe, expect, inject, it } from 'vitest';
import { browserAndHost, expectNoAxeViolations, openHost, openPage, ready, shadowText } from './browser';

const W = inject('workerOrigin');
const SLUG = 'north-korea-defections';
const snippet = (slug = SLUG, attrs = '') =>
  `<div data-factbox="${slug}"${attrs}><a href="${W}/embed/${slug}">What does a defection mean?</a></div>`;
const script = `<script async src="${W}/embed.js"></script>`;

const shared = browserAndHost();

describe('script-tag embed', () => {
  it('renders the whole default box into a shadow root, accessibly', async () => {
    const { page, errors, requests } = await openHost(shared, { body: snippet() + script });
    await ready(page);
    const text = await shadowText(page, `[data-factbox="${SLUG}"]`);
    for (const s of [
      'What does a defection mean?',
      'about 1,400',
      '3 to 7',
      'Jeong Joon-hee',
      'Stephan Haggard',
      'Yang Moojin',
      'Michael Madden',
      'What to watch',
      '2011, not 2012',
      'About this box',
      'Report an error',
    ])
      expect(text).toContain(s);
    // The fallback link stays in the light DOM (readers without JS, crawlers) but is not shown.
    expect(await page.locator(`[data-factbox] > a`).isVisible()).toBe(false);
    expect(errors).toEqual([]);
    // No request to anyone but the worker's origin.
    expect(requests.filter((u) => !u.startsWith(W) && !u.startsWith(shared.host.origin))).toEqual([]);
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([]);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/widget-light.png', fullPage: true });
  });

  it('applies the dark theme, and auto follows prefers-color-scheme', async () => {
    const { page } = await openHost(shared, {
      body: snippet(SLUG, ' data-theme="dark"') + snippet(SLUG, ' data-theme="auto" id="auto"') + script,
      colorScheme: 'dark',
    });
    await ready(page, '#auto[data-factbox-ready]');
    const bgs = await page.$$eval('[data-factbox]', (els) =>
      els.map((el) => getComputedStyle(el.shadowRoot!.querySelector('aside')!).backgroundColor),
    );
    expect(bgs).toEqual(['rgb(23, 25, 30)', 'rgb(23, 25, 30)']);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/widget-dark.png', fullPage: true });
  });

  it('is not reached by hostile host CSS', async () => {
    const hostile =
      '<style>* { color: red !important; text-transform: uppercase !important; letter-spacing: 3px } body { font: 40px/3 serif } html { font-size: 30px }</style>';
    const { page } = await openHost(shared, { body: snippet() + script, head: hostile });
    await ready(page);
    const style = await page.$eval(`[data-factbox]`, (el) => {
      const h = el.shadowRoot!.querySelector('h2')!;
      const cs = getComputedStyle(h);
      return {
        color: cs.color,
        transform: cs.textTransform,
        size: cs.fontSize,
        spacing: cs.letterSpacing,
        hostDisplay: getComputedStyle(el).display,
      };
    });
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(style.transform).toBe('none');
    expect(style.size).toBe('21.6px'); // 1.35em of the box's own 16px
    expect(style.spacing).toBe('normal');
    expect(style.hostDisplay).toBe('block');
  });

  it('renders two boxes and the short form with one request per distinct slug, and boxes added later', async () => {
    const { page, requests } = await openHost(shared, {
      body: `${snippet() + snippet(SLUG, ' data-lang="ko"')}<script async src="${W}/embed.js" data-factbox="${SLUG}"></script>`,
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-factbox-ready]').length === 3);
    expect(requests.filter((u) => u.startsWith(`${W}/v1/factboxes/`))).toHaveLength(1);
    const texts = await page.$$eval('[data-factbox-ready]', (els) => els.map((e) => e.shadowRoot!.textContent));
    expect(texts[1]).toContain('핵심 수치');
    // A box added after load is picked up too.
    await page.evaluate((s) => {
      const div = document.createElement('div');
      div.dataset.factbox = s;
      div.id = 'late';
      document.body.append(div);
    }, SLUG);
    await ready(page, '#late[data-factbox-ready]');
    expect(await page.evaluate(() => Object.keys(window).filter((k) => k.toLowerCase().includes('factbox')))).toEqual(['Factbox']);
  });

  it('keeps the fallback, warns once and throws nothing when the box cannot load', async () => {
    const { page, warnings, errors } = await openHost(shared, { body: snippet('no-such-box') + script });
    await page.waitForFunction(() => !!(window as { Factbox?: unknown }).Factbox);
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]).toContain('no-such-box');
    expect(await page.locator('[data-factbox] > a').isVisible()).toBe(true);
    expect(await page.$eval('[data-factbox]', (el) => el.shadowRoot)).toBeNull();
    expect(errors).toEqual([]);
  });

  it('keeps the fallback when the network fails', async () => {
    const { page, errors } = await openHost(shared, {
      body: snippet() + script,
      beforeGoto: (p) => p.route(`${W}/v1/**`, (route) => route.abort('connectionreset')),
    });
    await page.waitForFunction(() => !!(window as { Factbox?: unknown }).Factbox);
    await page.waitForTimeout(300);
    expect(await page.locator('[data-factbox] > a').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('is usable by keyboard: Tab reaches a view and Enter opens it', async () => {
    const { page } = await openHost(shared, { body: snippet() + script });
    await ready(page);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName);
    expect(focused).toBe('SUMMARY');
    await page.keyboard.press('Enter');
    expect(await page.$eval('[data-factbox]', (el) => el.shadowRoot!.querySelector('details')!.open)).toBe(true);
  });

  it('applies its styles and raises no violation under a strict CSP with Trusted Types', async () => {
    const csp = `default-src 'none'; script-src ${W}; connect-src ${W}; require-trusted-types-for 'script'`;
    const { page } = await openHost(shared, {
      body: snippet() + script,
      csp,
      beforeGoto: (p) =>
        p.addInitScript(() => {
          (window as unknown as { violations: string[] }).violations = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`),
          );
        }),
    });
    await ready(page);
    const radius = await page.$eval('[data-factbox]', (el) => getComputedStyle(el.shadowRoot!.querySelector('aside')!).borderTopLeftRadius);
    expect(radius).toBe('8px');
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  });
});

describe('iframe embed', () => {
  it('grows the iframe to its content through embed.js', async () => {
    const { page } = await openHost(shared, {
      body:
        `<iframe src="${W}/embed/${SLUG}" title="Fact box: What does a defection mean?" style="width:100%;border:0" height="150"></iframe>` +
        script,
    });
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    await frame.waitForSelector('h1');
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await expect.poll(() => page.$eval('iframe', (f) => f.getBoundingClientRect().height)).toBe(content);
    expect(content).toBeGreaterThan(600);
  });

  it('/embed/:slug reads fully without JavaScript and is accessible', async () => {
    const { page } = await openPage(shared, `${W}/embed/${SLUG}`, { javaScript: false });
    const text = await page.textContent('body');
    for (const s of ['What does a defection mean?', 'about 1,400', '3 to 7', 'Michael Madden', '2011, not 2012']) expect(text).toContain(s);
    const { page: js } = await openPage(shared, `${W}/embed/${SLUG}?theme=dark`);
    await expectNoAxeViolations(js);
  });
});
