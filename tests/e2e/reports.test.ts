// Readers' error reports in Chromium: from /embed/ inside a sandboxed iframe (WordPress's
// sandbox="allow-scripts", an opaque origin) on another origin, the form opens in the box,
// takes focus, closes on Escape, passes axe, and its report arrives: an editor lists it with a
// token, nobody else can. And report.js's contract with embed.js, in a shadow root on a host page.
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { editableSeedBox } from '../fixtures/seed-box';
import { browserAndHost, expectNoAxeViolations, openHost, openPage, ready } from './browser';

const W = inject('workerOrigin');
const TOKEN = 'e2e-token-0123456789abcdef';
const SLUG = 'e2e-reports';

const shared = browserAndHost();

beforeAll(async () => {
  const res = await fetch(`${W}/v1/factboxes/${SLUG}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'if-none-match': '*' },
    body: JSON.stringify(editableSeedBox()),
  });
  expect(res.status).toBe(201);
});

const reports = async (token: string | null) =>
  fetch(`${W}/v1/factboxes/${SLUG}/reports?status=open`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** The element focused in a frame (or in a shadow root within it), as tag#id. */
const focused = (f: Frame | Page) =>
  f.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el
      ? `${el.tagName.toLowerCase()}${el.getAttribute('data-report') !== null ? `[data-report="${el.getAttribute('data-report')}"]` : ''}`
      : '';
  });

describe('the report form inside a sandboxed iframe on another origin', () => {
  it('opens in the box, sends a report with Origin: null, and only an editor can list it', async () => {
    const posts: { origin: string | undefined; status: number }[] = [];
    const { page, errors } = await openHost(shared, {
      body: `<main><h1>A story</h1><iframe sandbox="allow-scripts" src="${W}/embed/${SLUG}" title="Fact box" width="640" height="1400"></iframe></main>`,
      beforeGoto: (p) =>
        p.context().on('response', async (r) => {
          if (r.request().method() === 'POST') posts.push({ origin: (await r.request().allHeaders()).origin, status: r.status() });
        }),
    });
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    await frame.waitForSelector('h1');
    expect(await frame.evaluate(() => window.origin)).toBe('null');
    await frame.waitForFunction(() => 'FactboxReport' in window);

    // Escape closes the form, and focus goes back to the control that opened it.
    const control = frame.locator('[data-report="/figures/1"]');
    await control.click();
    await frame.waitForSelector('.rf textarea');
    await expect.poll(() => focused(frame)).toBe('textarea');
    expect(await control.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => frame.locator('.rf').count()).toBe(0);
    await expect.poll(() => focused(frame)).toBe('a[data-report="/figures/1"]');
    expect(page.url()).toContain('localhost'); // no navigation anywhere
    expect(frame.url()).toBe(`${W}/embed/${SLUG}`);

    // Open again, by keyboard; the form passes axe, refuses a short text, then sends.
    await control.focus();
    await page.keyboard.press('Enter');
    await frame.waitForSelector('.rf textarea');
    await expectNoAxeViolations(frame);
    await frame.fill('.rf textarea', 'too short');
    await frame.click('.rf button.sb');
    await frame.waitForSelector('.rf textarea[aria-invalid=true]');
    expect(posts).toHaveLength(0);
    const text = 'The high end should be 8: Joongang Daily later revised its count.';
    await frame.fill('.rf textarea', text);
    await frame.fill('.rf input[type=email]', 'reader@example.org');
    await frame.click('.rf button.sb');
    await frame.waitForSelector('.rf [role=status]:has-text("Thank you")');
    await expect.poll(() => focused(frame)).toBe('button');
    await expectNoAxeViolations(frame);
    await expect.poll(() => posts).toEqual([{ origin: 'null', status: 202 }]);
    expect(errors).toEqual([]);

    // The editor sees it; a reader without a token, or with a wrong one, does not.
    const listed = (await (await reports(TOKEN)).json()) as {
      items: { text: string; target: string; revision: number; contact: string }[];
    };
    expect(listed.items).toContainEqual(
      expect.objectContaining({ text, target: '/figures/1', revision: 1, contact: 'reader@example.org' }),
    );
    for (const token of [null, 'wrong-token-0123456789abcdef']) {
      const res = await reports(token);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('Joongang Daily later revised');
    }
    // Nor does the box or its page.
    const pageHtml = await (await fetch(`${W}/embed/${SLUG}`)).text();
    expect(pageHtml).not.toContain('Joongang Daily later revised');
  });
});

describe('the report page, /f/:slug/report', () => {
  it('holds the form for the part ?target= names; without JavaScript the controls lead there', async () => {
    const { page } = await openPage(shared, `${W}/f/${SLUG}/report?target=%2Fviews%2F1`);
    await page.waitForFunction(() => 'FactboxReport' in window);
    await page.click('[data-report]');
    await page.fill('.rf textarea', 'This view leaves out half of what the analyst said.');
    await page.click('.rf button.sb');
    await page.waitForSelector('.rf [role=status]:has-text("Thank you")');
    const listed = (await (await reports(TOKEN)).json()) as { items: { text: string; target: string }[] };
    expect(listed.items).toContainEqual(
      expect.objectContaining({ target: '/views/1', text: 'This view leaves out half of what the analyst said.' }),
    );

    const noJs = await openPage(shared, `${W}/f/${SLUG}`, { javaScript: false });
    await noJs.page.click('[data-report="/figures/2"]');
    await noJs.page.waitForURL(`${W}/f/${SLUG}/report?target=%2Ffigures%2F2`);
    expect(await noJs.page.isVisible('[data-report]')).toBe(false); // the form's button needs JavaScript
    expect(await noJs.page.textContent('main')).toContain('Or write to the newsroom');
  });
});

describe("the form in the box's label language", () => {
  it('speaks Korean in a box with Korean labels, and passes axe', async () => {
    const { page } = await openPage(shared, `${W}/embed/${SLUG}?lang=ko`);
    await page.waitForFunction(() => 'FactboxReport' in window);
    await page.click('[data-report="/figures/0"]');
    await page.waitForSelector('.rf textarea');
    expect(await page.textContent('.rf label')).toBe('무엇이 잘못되었고, 어떻게 알게 되었나요?');
    expect(await page.textContent('.rf button.sb')).toBe('신고 보내기');
    expect(await page.getAttribute('[data-report="/figures/0"]', 'aria-label')).toMatch(/^오류 신고: /);
    await expectNoAxeViolations(page);
  });
});

describe('report.js with embed.js on a host page', () => {
  it('opens the form in the shadow root next to the control on a click, styled, and posts the report, under a strict CSP with Trusted Types', async () => {
    const { page, errors, requests } = await openHost(shared, {
      body: `<div data-factbox="${SLUG}" data-layout="full"></div><script src="${W}/embed/${SLUG}.js" async></script>`,
      csp: `default-src 'none'; script-src ${W}; connect-src ${W}; style-src 'none'; require-trusted-types-for 'script'`,
    });
    await ready(page);
    // report.js is not loaded until a reader asks for it.
    expect(requests.filter((u) => u.includes('/report.'))).toEqual([]);
    // A reader sees a view's control once they have opened the view, and clicks it.
    const control = page.locator('[data-factbox] [data-report="/views/2"]');
    await page.locator('[data-factbox] #views details').nth(2).locator('summary').click();
    await control.click();
    const form = page.locator('[data-factbox] .rf');
    await form.locator('textarea').waitFor();
    await expect.poll(() => focused(page)).toBe('textarea');
    // Next to its control: in the same view, right after the control's line.
    expect(await form.evaluate((f) => f.closest('details')?.querySelector('[data-report]')?.getAttribute('data-report'))).toBe('/views/2');
    // The box stylesheet styles it inside the shadow root (a strict host CSP allows the constructable sheet).
    expect(await form.evaluate((f) => getComputedStyle(f).display)).toBe('grid');
    expect(await page.locator('[data-factbox] .rf .hp').evaluate((h) => h.getBoundingClientRect().right)).toBeLessThan(0);
    await expectNoAxeViolations(page);
    await form.locator('textarea').fill('This view misquotes the analyst: the quote is from 2015.');
    await form.locator('button.sb').click();
    await form.locator('[role=status]:has-text("Thank you")').waitFor();
    expect(errors).toEqual([]);
    const listed = (await (await reports(TOKEN)).json()) as { items: { text: string; target: string }[] };
    expect(listed.items).toContainEqual(
      expect.objectContaining({ target: '/views/2', text: 'This view misquotes the analyst: the quote is from 2015.' }),
    );
  });
});
