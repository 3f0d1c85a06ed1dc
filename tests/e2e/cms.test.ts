// CMS integrations in Chromium and as a real unfurling client: oEmbed html under WordPress's
// sandbox and secret, the <fact-box> custom element, and the builder's copy-and-paste round trip.
import type { Page } from 'playwright-core';
import { unfurl } from 'unfurl.js';
import { describe, expect, inject, it } from 'vitest';
import { browserAndHost, expectNoAxeViolations, openHost, ready } from './browser';

const W = inject('workerOrigin');
const SLUG = 'north-korea-defections';

const shared = browserAndHost();

describe('a link-unfurling client (unfurl.js)', () => {
  it('finds the oEmbed endpoint and the Open Graph title of /f/:slug', async () => {
    const result = await unfurl(`${W}/f/${SLUG}`, { oembed: true });
    expect(result.open_graph?.title).toBe('What does a defection mean?');
    expect(result.open_graph?.site_name).toBe('Factbox');
    const oembed = result.oEmbed as { type: string; version: string; html: string; provider_name: string } | undefined;
    expect(oembed?.type).toBe('rich');
    expect(oembed?.version).toBe('1.0');
    expect(oembed?.html).toContain(`${W}/embed/${SLUG}`);
  });
});

describe('oEmbed html treated the way WordPress treats a discovered provider', () => {
  it('reads inside sandbox="allow-scripts" and answers the height message with the secret', async () => {
    const o = (await (await fetch(`${W}/oembed?url=${encodeURIComponent(`${W}/f/${SLUG}`)}&format=json`)).json()) as { html: string };
    // What wp_filter_oembed_result keeps and adds: blockquote + iframe, sandbox, security, secret.
    const secret = 'Ab3dE6gH9k';
    const iframe = /<iframe[^>]*><\/iframe>/
      .exec(o.html)![0]
      .replace('<iframe ', `<iframe sandbox="allow-scripts" security="restricted" data-secret="${secret}" `)
      .replace(/src="([^"]+)"/, (_, src: string) => `src="${src}#?secret=${secret}"`);
    const blockquote = /<blockquote[\s\S]*<\/blockquote>/.exec(o.html)![0];
    const listener = `<script>window.heights=[];addEventListener('message',function(e){var d=e.data;if(d&&d.secret===${JSON.stringify(secret)}&&d.message==='height'){window.heights.push(d.value);document.querySelector('iframe').height=d.value}})</script>`;
    const { page: p } = await openHost(shared, { body: listener + blockquote + iframe });
    const frame = (await (await p.waitForSelector('iframe')).contentFrame())!;
    await frame.waitForSelector('h1');
    expect(await frame.textContent('h1')).toBe('What does a defection mean?');
    // No same-origin privileges in the frame: its origin is opaque.
    expect(await frame.evaluate(() => window.origin)).toBe('null');
    await expect.poll(() => p.evaluate(() => (window as unknown as { heights: number[] }).heights.length)).toBeGreaterThan(0);
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await expect.poll(() => p.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1))).toBe(content);
  });
});

describe('oEmbed html used as it is (a trusted provider, or any consumer that keeps scripts)', () => {
  it('shows the box once: embed.js sizes the iframe and hides the fallback link, and nothing reloads', async () => {
    const o = (await (await fetch(`${W}/oembed?url=${encodeURIComponent(`${W}/f/${SLUG}`)}&format=json&maxwidth=600`)).json()) as {
      html: string;
    };
    const loads: string[] = [];
    const { page: p } = await openHost(shared, {
      body: o.html,
      width: 700,
      height: 900,
      beforeGoto: (page) => page.on('framenavigated', (f) => f !== page.mainFrame() && loads.push(f.url())),
    });
    const frame = (await (await p.waitForSelector('iframe')).contentFrame())!;
    await frame.waitForSelector('h1');
    await expect.poll(() => p.$eval('blockquote', (b) => (b as HTMLElement).hidden)).toBe(true);
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await expect.poll(() => p.$eval('iframe', (f) => Math.round(f.getBoundingClientRect().height))).toBe(content);
    expect(loads).toHaveLength(1);
  });
});

describe('AMP, as amp-iframe speaks it', () => {
  it('the /embed/ frame asks for its height with embed-size, which an AMP host applies', async () => {
    // The AMP side, as its documentation describes amp-iframe's resizing: a message
    // { sentinel: 'amp', type: 'embed-size', height } from the frame itself, then a resize.
    const amp = `<script>window.sizes=[];addEventListener('message',function(e){var f=document.getElementById('amp');var d=e.data;if(e.source===f.contentWindow&&d&&d.sentinel==='amp'&&d.type==='embed-size'&&typeof d.height==='number'){window.sizes.push(d.height);f.height=d.height}})</script>`;
    const { page: p } = await openHost(shared, {
      body: `${amp}<iframe id="amp" src="${W}/embed/${SLUG}" title="Fact box" width="600" height="200" frameborder="0" sandbox="allow-scripts allow-same-origin allow-popups"></iframe>`,
      width: 640,
    });
    const frame = (await (await p.waitForSelector('#amp')).contentFrame())!;
    await frame.waitForSelector('h1');
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await expect.poll(() => p.evaluate(() => (window as unknown as { sizes: number[] }).sizes.at(-1))).toBe(content);
    await expect.poll(() => p.$eval('#amp', (f) => Math.round(f.getBoundingClientRect().height))).toBe(content);
  });
});

describe('email and RSS', () => {
  it('the linked image is the tall card, 600 px wide at twice the density, and links to the box', async () => {
    const builder = await (await fetch(`${W}/?slug=${SLUG}&method=email`)).text();
    const code = /<code id="code">([\s\S]*?)<\/code>/
      .exec(builder)![1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const { page: p } = await openHost(shared, { body: code, width: 800 });
    await p.waitForFunction(() => document.querySelector('img')!.complete);
    const img = await p.$eval('img', (i) => ({
      natural: i.naturalWidth,
      shown: Math.round(i.getBoundingClientRect().width),
      alt: i.alt,
      href: i.closest('a')!.href,
    }));
    expect(img.natural).toBe(1200);
    expect(img.shown).toBe(600);
    expect(img.href).toBe(`${W}/f/${SLUG}`);
    expect(img.alt).toContain('How experts read it');
  });
});

describe('an iframe embed whose embed.js arrives late', () => {
  it('still gets its height: the frame says it again until it has been applied', async () => {
    const { page: p } = await openHost(shared, {
      body:
        `<iframe id="late" src="${W}/embed/${SLUG}" title="Fact box" width="100%" height="300" frameborder="0"></iframe>` +
        // embed.js only after the frame has loaded and sent its first height to no one.
        `<script>document.getElementById('late').addEventListener('load', function () { setTimeout(function () { var s = document.createElement('script'); s.src = ${JSON.stringify(`${W}/embed.js`)}; document.body.append(s); }, 500); });</script>`,
    });
    const frame = (await (await p.waitForSelector('#late')).contentFrame())!;
    await frame.waitForSelector('h1');
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await expect.poll(() => p.$eval('#late', (f) => Math.round(f.getBoundingClientRect().height)), { timeout: 8000 }).toBe(content);
  });
});

describe("WordPress's embed protocol, as wp-embed.js speaks it", () => {
  /** A host page with the sandboxed iframe WordPress makes; wp-embed.js's part is played by `script`. */
  async function wordpress(script: string, secretInSrc: boolean) {
    const secret = 'Zz9yX8wV7u';
    const src = `${W}/embed/${SLUG}${secretInSrc ? `#?secret=${secret}` : ''}`;
    const { page: p } = await openHost(shared, {
      body: `<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" data-secret="${secret}" src="${src}" width="600" height="300" title="Fact box"></iframe><script>var SECRET=${JSON.stringify(secret)};window.got=[];addEventListener('message',function(e){if(e.data&&e.data.secret===SECRET)window.got.push(e.data)});${script}</script>`,
    });
    const frame = (await (await p.waitForSelector('iframe')).contentFrame())!;
    await frame.waitForSelector('h1');
    const got = () => p.evaluate(() => (window as unknown as { got: { message: string; value: unknown }[] }).got);
    return { p, frame, secret, got };
  }

  it('answers a ready that comes after the page has loaded, with its height', async () => {
    // wp-embed.js arriving late: the box has long sent its height to no one.
    const { p, frame, got } = await wordpress('', true);
    await p.waitForTimeout(300);
    const before = (await got()).length;
    await p.evaluate(() =>
      document
        .querySelector('iframe')!
        .contentWindow!.postMessage({ message: 'ready', secret: (window as unknown as { SECRET: string }).SECRET }, '*'),
    );
    await expect.poll(async () => (await got()).length).toBeGreaterThan(before);
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    expect((await got()).at(-1)).toMatchObject({ message: 'height', value: content });
  });

  it('learns a secret added to its fragment after it loaded, as wp-embed.js adds it', async () => {
    const { p, got } = await wordpress('', false);
    expect(await got()).toEqual([]);
    await p.evaluate(() => {
      const f = document.querySelector('iframe')!;
      f.src = `${f.src}#?secret=${(window as unknown as { SECRET: string }).SECRET}`;
    });
    await expect.poll(async () => (await got()).filter((m) => m.message === 'height').length).toBeGreaterThan(0);
  });

  it('asks WordPress to open links to its own origin, which the sandbox forbids it to open', async () => {
    const { frame, got } = await wordpress('', true);
    await frame.evaluate((href) => {
      const a = document.createElement('a');
      a.href = href;
      a.id = 'own';
      a.textContent = 'Read the whole box';
      document.body.append(a);
    }, `${W}/f/${SLUG}`);
    await frame.click('#own');
    await expect
      .poll(async () => (await got()).find((m) => m.message === 'link'))
      .toEqual({ secret: expect.any(String), message: 'link', value: `${W}/f/${SLUG}` });
  });

  it('ignores a ready from anyone but its parent', async () => {
    const { p, frame, got } = await wordpress(
      `window.evil=[];addEventListener('message',function(e){if(e.data&&e.data.secret==='Evil123')window.evil.push(e.data)})`,
      false,
    );
    // A sibling frame on the host page sends the ready: no secret is adopted, nothing is sent.
    await p.evaluate((html) => {
      const sib = document.createElement('iframe');
      sib.srcdoc = html;
      document.body.append(sib);
    }, `<script>parent.frames[0].postMessage({message:'ready',secret:'Evil123'},'*')</script>`);
    await p.waitForTimeout(500);
    expect((await got()).length).toBe(0);
    const evil = await p.evaluate(() => (window as unknown as { evil: unknown[] }).evil);
    expect(evil).toEqual([]);
    expect(await frame.evaluate(() => location.hash)).toBe('');
  });
});

describe('<fact-box> custom element', () => {
  const script = `<script async src="${W}/embed.js"></script>`;
  const bg = (p: Page, sel: string) => p.$eval(sel, (el) => getComputedStyle(el.shadowRoot!.querySelector('aside')!).backgroundColor);

  it('renders, re-renders when an attribute changes, and cleans up when removed', async () => {
    const { page: p } = await openHost(shared, {
      body: `<fact-box id="fb" slug="${SLUG}" theme="light"><a href="${W}/f/${SLUG}">What does a defection mean?</a></fact-box>${script}`,
      width: 1000,
      height: 700,
    });
    await ready(p, '#fb[data-factbox-ready]');
    expect(await bg(p, '#fb')).toBe('rgb(255, 255, 255)');
    await p.$eval('#fb', (el) => el.setAttribute('theme', 'dark'));
    await expect.poll(() => bg(p, '#fb')).toBe('rgb(23, 25, 30)');
    await p.$eval('#fb', (el) => el.setAttribute('lang', 'ko'));
    await expect.poll(() => p.$eval('#fb', (el) => el.shadowRoot!.textContent)).toContain('핵심 수치');
    const root = await p.$eval('#fb', (el) => {
      const r = el.shadowRoot!;
      el.remove();
      return r.childNodes.length;
    });
    expect(root).toBe(0);
  });

  it('is lazy: a box far below the fold fetches only when it nears the viewport, unless loading="eager"', async () => {
    const { page: p, requests } = await openHost(shared, {
      body:
        `<div style="height:5000px"></div><fact-box id="far" slug="${SLUG}"></fact-box><fact-box id="eager" slug="${SLUG}" loading="eager" style="position:absolute;top:9000px"></fact-box>` +
        script,
      width: 1000,
      height: 700,
    });
    await ready(p, '#eager[data-factbox-ready]');
    expect(await p.$eval('#far', (el) => el.hasAttribute('data-factbox-ready'))).toBe(false);
    expect(requests.filter((u) => u.includes('/v1/factboxes/'))).toHaveLength(1);
    await p.$eval('#far', (el) => el.scrollIntoView());
    await ready(p, '#far[data-factbox-ready]');
  });
});

describe('embed builder', () => {
  it('is accessible, and a copied snippet pasted into a host page on another origin shows the box', async () => {
    const ctx = await shared.browser.newContext();
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: W });
    const b = await ctx.newPage();
    await b.goto(`${W}/`);
    await ready(b, '#preview fact-box[data-factbox-ready]');
    await expectNoAxeViolations(b);
    await b.screenshot({ path: 'test-results/builder.png', fullPage: true });
    for (const method of ['script', 'element', 'iframe'] as const) {
      await b.check(`input[name=method][value=${method}]`);
      await b.selectOption('#theme', 'dark');
      await b.click('#copy');
      await expect.poll(() => b.textContent('#status')).toContain('Copied');
      const code = await b.evaluate(() => navigator.clipboard.readText());
      expect(code).toBe(await b.textContent('#code'));
      const { page: p } = await openHost(shared, { body: code });
      if (method === 'iframe') {
        const frame = (await (await p.waitForSelector('iframe')).contentFrame())!;
        await frame.waitForSelector('h1');
        expect(await frame.textContent('h1')).toBe('What does a defection mean?');
      } else {
        await ready(p);
        const text = await p.$eval('[data-factbox-ready]', (el) => el.shadowRoot!.textContent);
        expect(text).toContain('What does a defection mean?');
      }
    }
    // "This version" pins the snippet and the preview to the revision shown; "always the latest" unpins them.
    await b.check('input[name=method][value=script]');
    await b.check('input[name=version][value=this]');
    expect(await b.textContent('#code')).toContain('data-revision="1"');
    expect(await b.getAttribute('#preview fact-box', 'revision')).toBe('1');
    expect(b.url()).toContain('version=this');
    await b.check('input[name=version][value=latest]');
    expect(await b.textContent('#code')).not.toContain('revision');
    expect(await b.getAttribute('#preview fact-box', 'revision')).toBeNull();
  });
});
