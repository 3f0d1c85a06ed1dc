// The product under attack in Chromium: XSS payloads in every text field on every render path,
// forged resize messages, hostile host CSS, a tampered SRI-pinned script, and network faults.
import { readFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, inject, it } from 'vitest';
import { editableSeedBox } from '../fixtures/seed-box';
import { browserAndHost, hostUrl, openHost, ready } from './browser';

const W = inject('workerOrigin');
const TOKEN = 'e2e-token-0123456789abcdef';
const SLUG = 'north-korea-defections';
const corpus = JSON.parse(readFileSync('tests/fixtures/xss-payloads.json', 'utf8')) as { text: { from: string; payload: string }[] };

const shared = browserAndHost();

/** Every text field of the default box set to `p`. */
function poisoned(base: Record<string, any>, p: string) {
  const headline = p.slice(0, 80);
  return {
    ...base,
    title: p,
    summary: p,
    watch: p,
    about: p,
    figures: base.figures.map((f: any) => ({
      ...f,
      label: p,
      unit: p,
      note: p,
      ...(f.estimates ? { estimates: f.estimates.map((e: any) => ({ ...e, by: p })) } : {}),
    })),
    views: base.views.map((v: any) => ({ ...v, name: p, role: p, affiliation: p, headline, summary: p, quote: p })),
    timeline: base.timeline.map((t: any) => ({ ...t, text: p })),
    sources: base.sources.map((s: any) => ({ ...s, title: p, publisher: p, author: p })),
    corrections: [...base.corrections, { date: new Date().toISOString().slice(0, 10), text: p }],
  };
}

/** A context where every frame has a __trap that records calls, and dialogs are counted. */
async function trapped(): Promise<{ ctx: BrowserContext; dialogs: string[] }> {
  const ctx = await shared.browser.newContext();
  await ctx.addInitScript(() => {
    (window as unknown as { __trapped: unknown[] }).__trapped = [];
    (window as unknown as { __trap: (n: unknown) => void }).__trap = (n) =>
      (window as unknown as { __trapped: unknown[] }).__trapped.push(n);
  });
  const dialogs: string[] = [];
  ctx.on('page', (p) =>
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    }),
  );
  return { ctx, dialogs };
}
const trapCalls = (p: Page) =>
  Promise.all(p.frames().map((f) => f.evaluate(() => (window as unknown as { __trapped?: unknown[] }).__trapped ?? []).catch(() => [])));

describe(`XSS corpus (${corpus.text.length} payloads) in every text field`, () => {
  it('is stored as text and comes out inert on every render path', async () => {
    const base = editableSeedBox();
    const { ctx, dialogs } = await trapped();
    const p = await ctx.newPage();
    for (const [i, { from, payload }] of corpus.text.entries()) {
      const slug = `xss-${i}`;
      const res = await fetch(`${W}/v1/factboxes/${slug}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'if-none-match': '*' },
        body: JSON.stringify(poisoned(base, payload)),
      });
      expect(res.status, from).toBe(201);
      expect(((await res.json()) as { title: string }).title, from).toBe(payload);

      // Script-tag widget in Shadow DOM, and the oEmbed html (blockquote + /embed/ iframe).
      const oembed = (await (await fetch(`${W}/oembed?url=${encodeURIComponent(`${W}/f/${slug}`)}`)).json()) as {
        html: string;
        title: string;
      };
      expect(oembed.title, from).toBe(payload);
      await p.goto(
        hostUrl(shared, { body: `<div data-factbox="${slug}"></div>${oembed.html}<script async src="${W}/embed.js"></script>` }),
      );
      await ready(p);
      const frame = (await (await p.waitForSelector('iframe')).contentFrame())!;
      await frame.waitForSelector('h1');
      expect(await p.$eval('[data-factbox-ready]', (el) => el.shadowRoot!.querySelector('h2')!.textContent), from).toBe(payload);
      expect(await frame.textContent('h1'), from).toBe(payload);
      expect(await p.textContent('blockquote a'), from).toBe(payload);
      // No element the payload spells out exists anywhere: it is all text.
      const injected =
        'script, img, iframe, object, embed, style, meta, base, form, input, math, noscript, details[open], [onload], [onerror]';
      expect(
        await p.$eval(
          '[data-factbox-ready]',
          (el, sel) => [...el.shadowRoot!.querySelectorAll(sel)].map((e) => e.outerHTML.slice(0, 80)),
          injected,
        ),
        from,
      ).toEqual([]);
      expect(
        // Our own scripts: the inline resize script, and report.js from our origin.
        await frame.$$eval(
          `body ${injected.split(', ').join(', body ')}`,
          (els, origin) =>
            els
              .filter(
                (e) =>
                  e.tagName !== 'SCRIPT' ||
                  !(e.textContent?.includes('factbox:resize') || (e as HTMLScriptElement).src.startsWith(`${origin}/report.`)),
              )
              .map((e) => e.outerHTML.slice(0, 80)),
          W,
        ),
        from,
      ).toEqual([]);
      expect((await trapCalls(p)).flat(), from).toEqual([]);

      // The shareable page: its head (Open Graph, JSON-LD) and body.
      await p.goto(`${W}/f/${slug}`);
      expect(await p.textContent('h1'), from).toBe(payload);
      expect(await p.getAttribute('meta[property="og:title"]', 'content'), from).toBe(payload);
      const ld = JSON.parse((await p.textContent('script[type="application/ld+json"]'))!);
      expect(ld.name, from).toBe(payload);
      // Only our own scripts (fragment, print, resize; report.js), none that the payload spelled out.
      expect(
        await p.$$eval(
          'script:not([type="application/ld+json"])',
          (s, origin) =>
            s.filter((e) => !e.textContent?.includes('factbox:resize') && !(e as HTMLScriptElement).src.startsWith(`${origin}/report.`))
              .length,
          W,
        ),
        from,
      ).toBe(0);
      expect((await trapCalls(p)).flat(), from).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  }, 180_000);
});

it('the trap itself catches a payload that does run (control)', async () => {
  const { ctx, dialogs } = await trapped();
  const { page: p } = await openHost(shared, { context: ctx, body: `${corpus.text[4]!.payload}${corpus.text[28]!.payload}` });
  await expect.poll(async () => (await trapCalls(p)).flat()).toEqual([5]);
  await expect.poll(() => dialogs.length).toBe(1);
});

describe('forged resize messages', () => {
  it('are ignored from a sibling frame and a sandboxed frame, clamped from the real one, and never navigate', async () => {
    const forge = (h: unknown) => `parent.postMessage({type:'factbox:resize',slug:'${SLUG}',height:${JSON.stringify(h)}},'*')`;
    const forgeries =
      ['1e9', '-500', '"9999px"', 'null'].map((h) => `${forge(JSON.parse(h))};`).join('') +
      `parent.postMessage({type:'navigate',url:'https://evil.example'},'*');`;
    const { page: p, url } = await openHost(shared, {
      body:
        `<iframe id="box" src="${W}/embed/${SLUG}" title="Fact box" style="width:100%;border:0" height="300"></iframe>` +
        `<iframe id="sibling" title="sibling" srcdoc="<script>setInterval(function(){${forgeries.replace(/"/g, '&quot;')}},50)</script>"></iframe>` +
        `<iframe id="sandboxed" title="sandboxed" sandbox="allow-scripts" srcdoc="<script>setInterval(function(){${forgeries.replace(/"/g, '&quot;')}},50)</script>"></iframe>` +
        `<script async src="${W}/embed.js"></script>`,
    });
    const frame = (await (await p.waitForSelector('#box')).contentFrame())!;
    await frame.waitForSelector('h1');
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await expect.poll(() => p.$eval('#box', (f) => f.getBoundingClientRect().height)).toBe(content);
    await p.waitForTimeout(500); // let forged messages arrive
    expect(await p.$eval('#box', (f) => f.getBoundingClientRect().height)).toBe(content);
    for (const id of ['sibling', 'sandboxed']) expect(await p.$eval(`#${id}`, (f) => (f as HTMLElement).style.height)).toBe('');
    // The real frame, compromised, still cannot make its iframe absurd.
    await frame.evaluate((s) => parent.postMessage({ type: 'factbox:resize', slug: s, height: 1e9 }, '*'), SLUG);
    await expect.poll(() => p.$eval('#box', (f) => f.getBoundingClientRect().height)).toBe(8000);
    await frame.evaluate((s) => parent.postMessage({ type: 'factbox:resize', slug: s, height: -5 }, '*'), SLUG);
    await expect.poll(() => p.$eval('#box', (f) => f.getBoundingClientRect().height)).toBe(80);
    await frame.evaluate((s) => parent.postMessage({ type: 'factbox:resize', slug: s, height: '500' }, '*'), SLUG);
    await p.waitForTimeout(200);
    expect(await p.$eval('#box', (f) => f.getBoundingClientRect().height)).toBe(80);
    expect(p.url()).toBe(url);
  });
});

describe('hostile host pages', () => {
  const box = `<div data-factbox="${SLUG}" data-theme="light"></div><script async src="${W}/embed.js"></script>`;
  async function shot(head: string): Promise<PNG> {
    const { page: p } = await openHost(shared, { body: box, head, width: 800, height: 600 });
    await ready(p);
    // The box itself (locators pierce the open shadow root), not the host's container.
    return PNG.sync.read(await p.locator('[data-factbox-ready] aside').screenshot());
  }

  it('hostile CSS leaves the box pixel-identical to the box on a plain page', async () => {
    const plain = await shot('<style>body{margin:8px}</style>');
    const hostile = await shot(
      '<style>body{margin:8px}* { text-transform: uppercase } html { font-size: 30px } * { color: red !important; display: inline !important } div { letter-spacing: 4px; line-height: 3 }</style>',
    );
    expect([hostile.width, hostile.height]).toEqual([plain.width, plain.height]);
    const diff = pixelmatch(plain.data, hostile.data, null, plain.width, plain.height, { threshold: 0.1 });
    expect(diff / (plain.width * plain.height)).toBeLessThan(0.001);
  });

  it('an SRI-pinned embed.js with one byte changed is refused, and the fallback stays', async () => {
    const { src, integrity } = (await (await fetch(`${W}/embed.json`)).json()) as { src: string; integrity: string };
    const { page: p, errors } = await openHost(shared, {
      body: `<div data-factbox="${SLUG}"><a href="${W}/f/${SLUG}">What does a defection mean?</a></div><script async src="${src}" integrity="${integrity}" crossorigin="anonymous"></script>`,
      beforeGoto: (page) =>
        page.route(src, async (route) => {
          const res = await route.fetch();
          const body = Buffer.from(await res.body());
          body[100] = body[100] === 0x61 ? 0x62 : 0x61; // one byte
          await route.fulfill({ response: res, body });
        }),
    });
    await p.waitForTimeout(500);
    expect(await p.evaluate(() => typeof (window as { Factbox?: unknown }).Factbox)).toBe('undefined');
    expect(await p.locator('[data-factbox] > a').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    // And unmodified, the same tag works (a fresh context: the tampered copy may be cached).
    const { page: q } = await openHost(shared, {
      body: `<div data-factbox="${SLUG}"></div><script async src="${src}" integrity="${integrity}" crossorigin="anonymous"></script>`,
    });
    await ready(q);
  });
});

describe('network faults', () => {
  const faults: [string, (route: import('playwright-core').Route) => Promise<void>][] = [
    ['HTTP 500', (r) => r.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"x"}}' })],
    ['connection reset', (r) => r.abort('connectionreset')],
    ['invalid JSON', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"title": "What' })],
    ['wrong content type', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<h1>login page</h1>' })],
    ['JSON that is not a box', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"title":1}' })],
  ];
  for (const [name, fault] of faults) {
    it(`${name}: the fallback stays, the host page sees no error, no retry loop`, async () => {
      const {
        page: p,
        errors,
        requests,
      } = await openHost(shared, {
        body: `<div data-factbox="${SLUG}"><a href="${W}/f/${SLUG}">What does a defection mean?</a></div><div data-factbox="${SLUG}"></div><script async src="${W}/embed.js"></script><script>window.hostOk=true</script>`,
        beforeGoto: (page) => page.route(`${W}/v1/**`, fault),
      });
      await p.waitForTimeout(1500);
      expect(await p.locator('[data-factbox] > a').isVisible()).toBe(true);
      expect(await p.$$eval('[data-factbox]', (els) => els.filter((e) => e.shadowRoot).length)).toBe(0);
      expect(errors).toEqual([]);
      expect(await p.evaluate(() => (window as unknown as { hostOk: boolean }).hostOk)).toBe(true);
      expect(requests.filter((u) => u.includes('/v1/'))).toHaveLength(1);
    });
  }

  it('a slow API (2 s): the fallback shows meanwhile, then the box renders', async () => {
    const { page: p } = await openHost(shared, {
      body: `<div data-factbox="${SLUG}"><a href="${W}/f/${SLUG}">What does a defection mean?</a></div><script async src="${W}/embed.js"></script>`,
      beforeGoto: (page) =>
        page.route(`${W}/v1/**`, async (route) => {
          await new Promise((r) => setTimeout(r, 2000));
          await route.continue();
        }),
    });
    await p.waitForTimeout(500);
    expect(await p.locator('[data-factbox] > a').isVisible()).toBe(true);
    await ready(p);
  });
});

describe('bidirectional text', () => {
  it('isolates every text of the box, so a right-to-left override in one field cannot reorder the next', async () => {
    const TEXT = '.fb :is(h1,h2,h3,p,li,dt,dd,b,span,a,time,summary,blockquote)';
    const { page: p } = await openHost(shared, { body: `<div data-factbox="${SLUG}"></div><script async src="${W}/embed.js"></script>` });
    await ready(p);
    const shadow = await p.$eval(
      '[data-factbox-ready]',
      (el, sel) => [...el.shadowRoot!.querySelectorAll(sel)].map((e) => getComputedStyle(e).unicodeBidi),
      TEXT,
    );
    expect(shadow.length).toBeGreaterThan(20);
    expect(new Set(shadow)).toEqual(new Set(['isolate']));
    for (const path of [`/embed/${SLUG}`, `/f/${SLUG}`]) {
      await p.goto(`${W}${path}`);
      const edge = await p.$$eval(TEXT, (els) => els.map((e) => getComputedStyle(e).unicodeBidi));
      expect(new Set(edge), path).toEqual(new Set(['isolate']));
    }
  });
});
