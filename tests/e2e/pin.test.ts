// A pinned iframe embed in Chromium, on a host page of another origin: /embed/:slug?revision=1
// after an edit and a correction made through the API shows the old figure, the later correction
// and a notice linking to the history, accessibly; the unpinned frame shows the new figure.
import { describe, expect, inject, it } from 'vitest';
import { editableSeedBox } from '../fixtures/seed-box';
import { snippet } from '../../widget/render/snippets';
import { browserAndHost, expectNoAxeViolations, openHost, ready } from './browser';

const W = inject('workerOrigin');
const TOKEN = 'e2e-token-0123456789abcdef';
const shared = browserAndHost();

async function send(path: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(W + path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res;
}

const LATER = 'The yearly arrivals figure was first given for the wrong year.';

/** A new box with three revisions made through the API: created, its first figure edited, then corrected. */
async function threeRevisions(prefix: string) {
  const slug = `${prefix}-${Date.now().toString(36)}`;
  const box = editableSeedBox();
  const created = await send(`/v1/factboxes/${slug}`, 'PUT', box, { 'if-none-match': '*' });
  box.figures[0]!.value = 1500;
  await send(`/v1/factboxes/${slug}`, 'PUT', box, { 'if-match': created.headers.get('etag')! });
  await send(`/v1/factboxes/${slug}/corrections`, 'POST', { text: LATER });
  return { slug, box };
}

describe('a pinned iframe embed', () => {
  it('shows revision 1’s figure with the correction made later, and says the box has been updated since', async () => {
    const { slug } = await threeRevisions('pin-e2e');

    const frameTag = (query: string, id: string) =>
      `<iframe id="${id}" src="${W}/embed/${slug}${query}" title="Fact box" width="600" height="700" frameborder="0"></iframe>`;
    const { page, errors } = await openHost(shared, { body: `<main>${frameTag('?revision=1', 'pinned')}${frameTag('', 'live')}</main>` });
    const pinned = (await (await page.waitForSelector('#pinned')).contentFrame())!;
    await pinned.waitForSelector('aside');

    await expect.poll(() => pinned.locator('.g .v').first().textContent()).toContain('about 1,400');
    const notice = pinned.getByRole('link', { name: 'Updated since this version: see what changed' });
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.getAttribute('href')).toBe(`${W}/f/${slug}/history`);
    // The correction made in revision 3 is one click away, as in every compact box.
    await pinned.locator('#corrections > summary').click();
    expect(await pinned.getByText(LATER).isVisible()).toBe(true);
    // The footer's "Updated <date>, revision 1" links to the history too.
    expect(await pinned.getByRole('link', { name: /^Updated .*, revision 1$/ }).getAttribute('href')).toBe(`${W}/f/${slug}/history`);
    await expectNoAxeViolations(pinned);
    // The history it links to is there.
    expect((await fetch(`${W}/f/${slug}/history`)).status).toBe(200);

    // Following the latest: the new figure, the correction, no notice.
    const live = (await (await page.waitForSelector('#live')).contentFrame())!;
    await live.waitForSelector('aside');
    expect(await live.locator('.g .v').first().textContent()).toContain('about 1,500');
    expect(await live.getByText('Updated since this version').count()).toBe(0);
    expect(await live.locator('#corrections').textContent()).toContain(LATER);
    expect(errors).toEqual([]);
    await page.screenshot({ path: 'test-results/pinned-embed.png', fullPage: true });
  });

  it("the builder's pinned script tag and <fact-box revision>: revision 1 with the later correction, in one request for the script tag", async () => {
    const { slug, box } = await threeRevisions('pin-script');

    const code = snippet({ origin: W, slug, title: box.title, method: 'script', theme: 'auto', lang: 'en', revision: 1 });
    const { page, requests, errors } = await openHost(shared, {
      body: `<main>${code}<fact-box id="el" slug="${slug}" revision="1" loading="eager"></fact-box></main>`,
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-factbox-ready]').length === 2);
    for (const sel of ['[data-factbox]', '#el']) {
      const text = await page.$eval(sel, (el) => el.shadowRoot!.textContent ?? '');
      expect(text, sel).toContain('about 1,400');
      expect(text, sel).toContain('Updated since this version');
      expect(text, sel).toContain(LATER);
    }
    // The script tag's box came with its script; the element asked for the same pinned read once.
    const data = requests.filter((u) => u.startsWith(W)).map((u) => u.slice(W.length));
    expect(data.filter((p) => p.startsWith('/v1/') || p.startsWith('/embed/'))).toEqual([`/embed/${slug}.js?revision=1`]);
    expect(errors).toEqual([]);
    await ready(page, '#el[data-factbox-ready]');
  });
});
