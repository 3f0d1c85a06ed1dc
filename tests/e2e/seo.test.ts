// data-seo in Chromium (issue 13, item 6): the box's claims as JSON-LD land in the host page's
// light DOM, where search engines read them, also under a strict CSP with Trusted Types; without
// data-seo nothing is added to the host page.
import { describe, expect, inject, it } from 'vitest';
import { browserAndHost, openHost, ready } from './browser';

const W = inject('workerOrigin');
const SLUG = 'north-korea-defections';
const shared = browserAndHost();
const claimsOf = (page: import('playwright-core').Page) =>
  page.$$eval('script[type="application/ld+json"]', (els) =>
    els.map((e) => ({ after: e.previousElementSibling?.tagName, text: e.textContent ?? '' })),
  );

describe('data-seo', () => {
  it('adds the claims JSON-LD after the embed, exactly as the API serves them, under a strict CSP with Trusted Types', async () => {
    const csp = `default-src 'none'; script-src ${W}; connect-src ${W}; require-trusted-types-for 'script'`;
    const { page, errors } = await openHost(shared, {
      body: `<div data-factbox="${SLUG}" data-seo></div><script async src="${W}/embed/${SLUG}.js"></script><fact-box slug="${SLUG}" seo loading="eager"></fact-box>`,
      csp,
      beforeGoto: (p) =>
        p.addInitScript(() => {
          (window as unknown as { violations: string[] }).violations = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            (window as unknown as { violations: string[] }).violations.push(e.violatedDirective),
          );
        }),
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-factbox-ready]').length === 2);
    await expect.poll(async () => (await claimsOf(page)).length).toBe(2);
    const served = await (await fetch(`${W}/v1/factboxes/${SLUG}/claims.jsonld`)).text();
    for (const c of await claimsOf(page)) expect(c.text).toBe(served);
    expect((await claimsOf(page)).map((c) => c.after).sort()).toEqual(['DIV', 'FACT-BOX']);
    const doc = JSON.parse(served) as { '@context': string };
    expect(doc['@context']).toMatch(/schema\.org/);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('adds nothing to the host page without it', async () => {
    const { page } = await openHost(shared, {
      body: `<div data-factbox="${SLUG}"></div><script async src="${W}/embed/${SLUG}.js"></script>`,
    });
    await ready(page);
    await page.waitForTimeout(300);
    expect(await claimsOf(page)).toEqual([]);
  });

  it('leaves the claims out, and the page as it was, where the host allows no policy of ours', async () => {
    const csp = `default-src 'none'; script-src ${W}; connect-src ${W}; require-trusted-types-for 'script'; trusted-types 'none'`;
    const { page, warnings, errors } = await openHost(shared, {
      body: `<div data-factbox="${SLUG}" data-seo></div><script async src="${W}/embed/${SLUG}.js"></script>`,
      csp,
    });
    await ready(page);
    await expect.poll(() => warnings.some((w) => w.includes('no claims'))).toBe(true);
    expect(await claimsOf(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
