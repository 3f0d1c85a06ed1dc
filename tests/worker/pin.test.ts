// Pin or follow: ?revision=N on the JSON, /embed/, /f/ and oEmbed shows revision N as it was, with
// every correction added since and a notice that links to the history; edits and corrections are
// made through the real API, against the real D1 in workerd.
import { describe, expect, it } from 'vitest';
import en from '../../widget/render/i18n/en.json';
import ko from '../../widget/render/i18n/ko.json';
import { cacheKey } from '../../worker/cache';
import { ALICE, call, create, editable, errorOf, ORIGIN, put, ROOT, ADMIN_TOKENS, as } from './helpers';

const correct = (slug: string, text: string) =>
  call(`/v1/factboxes/${slug}/corrections`, { method: 'POST', headers: as(ALICE), body: JSON.stringify({ text }) });

interface Box {
  revision: number;
  figures: { value?: number }[];
  corrections: { date: string; text: string }[];
  pinned?: { revision: number; latest: number; history: string };
}
const json = async (path: string): Promise<Box> => {
  const res = await call(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Box;
};

const LATER = 'The yearly figure in revision 1 counted 2015 twice.';

/**
 * Revision 1: the seed box (arrivals "about 1,400"); 2: an edit to "about 1,500"; 3: a correction.
 * Returns the ETag of revision 3.
 */
async function history(slug: string): Promise<string> {
  let etag = await create(slug);
  const edited = await editable();
  (edited.figures as { value: number }[])[0]!.value = 1500;
  const res = await put(slug, edited, { 'if-match': etag });
  expect(res.status).toBe(200);
  const corrected = await correct(slug, LATER);
  expect(corrected.status).toBe(201);
  etag = corrected.headers.get('etag')!;
  return etag;
}

/** The notice's link to the history, as the edge renders it (Preact escapes nothing in it). */
const notice = (slug: string, text: string) => new RegExp(`<a href="${ORIGIN}/f/${slug}/history"[^>]*>${text}</a>`);

describe('GET /v1/factboxes/:slug?revision=N', () => {
  it('answers revision N as it was, with its corrections and every later one, and says which revision is the latest', async () => {
    const slug = 'pin-json';
    await history(slug);
    const live = await json(`/v1/factboxes/${slug}`);
    expect(live.revision).toBe(3);
    expect(live.figures[0]!.value).toBe(1500);
    expect(live).not.toHaveProperty('pinned');

    const one = await json(`/v1/factboxes/${slug}?revision=1`);
    expect(one.revision).toBe(1);
    expect(one.figures[0]!.value).toBe(1400);
    const stored = (await (await call(`/v1/factboxes/${slug}/revisions/1`)).json()) as Box;
    // Revision 1's own corrections first, then the later one: the same list the live box has.
    expect(one.corrections).toEqual([...stored.corrections, live.corrections.at(-1)]);
    expect(one.corrections.at(-1)!.text).toBe(LATER);
    expect(one.corrections).toEqual(live.corrections);
    expect(one.pinned).toEqual({ revision: 1, latest: 3, history: `${ORIGIN}/f/${slug}/history` });
    // Everything else is revision 1's, byte for byte.
    const { corrections: _c, pinned: _p, ...rest } = one;
    const { corrections: _s, ...storedRest } = stored;
    expect(rest).toEqual(storedRest);

    // Pinned to the latest revision: the live box, plus the field saying it is the latest.
    const three = await json(`/v1/factboxes/${slug}?revision=3`);
    const { pinned, ...box } = three;
    expect(pinned).toEqual({ revision: 3, latest: 3, history: `${ORIGIN}/f/${slug}/history` });
    expect(box).toEqual(live);
  });

  it('is cached per box and revision, not as immutable, and a later write reaches it at once', async () => {
    const slug = 'pin-cache';
    let etag = await history(slug);
    const path = `/v1/factboxes/${slug}?revision=1`;
    const first = await call(path);
    expect(first.headers.get('cache-control')).not.toContain('immutable');
    expect(first.headers.get('cache-tag')).toContain(`factbox-box-${slug}`);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    await first.arrayBuffer();
    const key = cacheKey(ORIGIN, { kind: 'box', slug, revision: 1 });
    const kept = await (caches as unknown as { default: Cache }).default.match(key);
    expect(kept, 'the pinned copy is kept under its own key').toBeDefined();
    await kept!.arrayBuffer();
    expect(key).not.toBe(cacheKey(ORIGIN, { kind: 'box', slug }));
    // An ETag that still holds: 304.
    const again = await call(path, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);

    for (const page of [`/embed/${slug}?revision=1`, `/f/${slug}?revision=1`]) for (let i = 0; i < 2; i++) await (await call(page)).text();
    // A new correction: every pinned copy shows it at once, and the latest revision moves on.
    const res = await correct(slug, 'A second later correction.');
    expect(res.status).toBe(201);
    etag = res.headers.get('etag')!;
    const after = await json(path);
    expect(after.corrections.at(-1)!.text).toBe('A second later correction.');
    expect(after.pinned!.latest).toBe(4);
    for (const page of [`/embed/${slug}?revision=1`, `/f/${slug}?revision=1`])
      expect(await (await call(page)).text(), page).toContain('A second later correction.');
    // An edit too (the pinned content stays revision 1's). The editor sends the box as it is now.
    const current = (await (await call(`/v1/factboxes/${slug}`, { headers: as(ALICE) })).json()) as Box & Record<string, unknown>;
    const { slug: _s, revision: _r, updatedAt: _u, ...edited } = current;
    edited.figures[0]!.value = 1600;
    expect((await put(slug, edited, { 'if-match': etag })).status).toBe(200);
    const edit = await json(path);
    expect(edit.pinned!.latest).toBe(5);
    expect(edit.figures[0]!.value).toBe(1400);
  });

  it('refuses a malformed revision (400) and a missing one (404); an archived or removed box answers as the live routes do', async () => {
    const slug = 'pin-errors';
    const etag = await history(slug);
    for (const n of ['0', '-1', 'x', '1.5', '01', '', '1e2', '9999999999']) {
      for (const path of [`/v1/factboxes/${slug}`, `/embed/${slug}`, `/f/${slug}`]) {
        const res = await call(`${path}?revision=${n}`);
        expect(res.status, `${path}?revision=${n}`).toBe(400);
        expect((await errorOf(res)).code).toBe('bad_request');
      }
    }
    const missing = await call(`/v1/factboxes/${slug}?revision=4`);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toContain('No revision 4');
    for (const path of [`/embed/${slug}?revision=4`, `/f/${slug}?revision=4`]) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('No such revision of this fact box');
      expect(html).toContain(`href="/f/${slug}/history"`);
    }
    expect((await call(`/v1/factboxes/no-such-box-here?revision=1`)).status).toBe(404);

    // Archived: 410 everywhere, pinned or not.
    const del = await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: as(ALICE, { 'if-match': etag }) });
    expect(del.status).toBe(204);
    for (const path of [`/v1/factboxes/${slug}?revision=1`, `/embed/${slug}?revision=1`, `/f/${slug}?revision=2`])
      expect((await call(path)).status, path).toBe(410);

    // Taken down: 451.
    const down = 'pin-down';
    await history(down);
    const body = JSON.stringify({ reason: 'court-order', note: 'Removed under a court order.' });
    expect((await call(`/v1/factboxes/${down}/takedown`, { method: 'POST', headers: as(ROOT), body }, ADMIN_TOKENS)).status).toBe(201);
    for (const path of [`/v1/factboxes/${down}?revision=1`, `/embed/${down}?revision=1`, `/f/${down}?revision=1`])
      expect((await call(path)).status, path).toBe(451);
    const oembed = await call(`/oembed?url=${encodeURIComponent(`${ORIGIN}/f/${down}?revision=1`)}`);
    expect(oembed.status).toBe(451);
  });
});

describe('/embed/:slug and /f/:slug pinned with ?revision=N', () => {
  it('render the old figure, the later correction and a notice linking to the history; the live pages have no notice', async () => {
    const slug = 'pin-pages';
    await history(slug);
    for (const page of ['embed', 'f']) {
      const pinned = await call(`/${page}/${slug}?revision=1`);
      expect(pinned.status).toBe(200);
      expect(pinned.headers.get('cache-control')).not.toContain('immutable');
      const html = await pinned.text();
      expect(html, page).toContain('about 1,400');
      expect(html, page).not.toContain('about 1,500');
      expect(html, page).toContain(LATER);
      expect(html, page).toMatch(notice(slug, en.newer));
      // The footer's "Updated <date>, revision 1" links to the history too.
      expect(html, page).toMatch(new RegExp(`<a href="${ORIGIN}/f/${slug}/history"[^>]*>Updated [^<]*, revision 1</a>`));
      // Discovery keeps the pin: a CMS that reads this page embeds revision 1.
      expect(html, page).toContain(`url=${encodeURIComponent(`${ORIGIN}/${page}/${slug}?revision=1`)}`);

      const live = await (await call(`/${page}/${slug}`)).text();
      expect(live, page).toContain('about 1,500');
      expect(live, page).toContain(LATER);
      expect(live, page).not.toContain(en.newer);
      expect(live, page).toMatch(new RegExp(`<a href="${ORIGIN}/f/${slug}/history"[^>]*>Updated [^<]*, revision 3</a>`));

      // Pinned to the latest revision: no notice, nothing has changed since.
      expect(await (await call(`/${page}/${slug}?revision=3`)).text(), page).not.toContain(en.newer);
      // The notice in the reader's language.
      expect(await (await call(`/${page}/${slug}?revision=1&lang=ko`)).text(), page).toMatch(notice(slug, ko.newer));
    }
    // The iframe's "Read the whole box" keeps the pin.
    const frame = await (await call(`/embed/${slug}?revision=2`)).text();
    expect(frame).toContain(`href="${ORIGIN}/f/${slug}?revision=2"`);
    expect(frame).toContain('about 1,500');
    expect(frame).toMatch(notice(slug, en.newer));
  });
});

describe('oEmbed with a pinned URL', () => {
  const oembed = async (url: string, extra = '') => call(`/oembed?url=${encodeURIComponent(url)}${extra}`);

  it('keeps the pin in the frame and the link, and gives that revision’s card', async () => {
    const slug = 'pin-oembed';
    await history(slug);
    for (const page of ['f', 'embed']) {
      const res = await oembed(`${ORIGIN}/${page}/${slug}?revision=1`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { html: string; thumbnail_url: string };
      expect(body.html).toContain(`src="${ORIGIN}/embed/${slug}?revision=1"`);
      expect(body.html).toContain(`<a href="${ORIGIN}/f/${slug}?revision=1">`);
      // Revision 1's card (tests/worker/card.test.ts draws these).
      expect(body.thumbnail_url).toBe(`${ORIGIN}/f/${slug}/revisions/1/card.png`);
    }
    const themed = (await (await oembed(`${ORIGIN}/f/${slug}?theme=dark&revision=2`)).json()) as { html: string };
    expect(themed.html).toContain(`src="${ORIGIN}/embed/${slug}?theme=dark&amp;revision=2"`);
    // Not pinned: the latest, as before.
    const live = (await (await oembed(`${ORIGIN}/f/${slug}`)).json()) as { html: string; thumbnail_url: string };
    expect(live.html).toContain(`src="${ORIGIN}/embed/${slug}"`);
    expect(live.thumbnail_url).toBe(`${ORIGIN}/f/${slug}/revisions/3/card.png`);

    const bad = await oembed(`${ORIGIN}/f/${slug}?revision=one`);
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('bad_request');
    const missing = await oembed(`${ORIGIN}/f/${slug}?revision=7`);
    expect(missing.status).toBe(404);
  });
});

describe('what a pinned embed links to and tells search engines', () => {
  it('its report links and report page keep the pin, and its claims (data-seo) are those of the revision shown', async () => {
    const slug = 'pin-claims';
    await history(slug);
    const page = await (await call(`/embed/${slug}?revision=1`)).text();
    expect(page).toContain(`/f/${slug}/report?revision=1&amp;target=%2Ffigures%2F0`);
    const report = await call(`/f/${slug}/report?revision=1`);
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('data-report-revision="1"');

    const pinned = await (await call(`/v1/factboxes/${slug}/claims.jsonld?revision=1`)).text();
    const live = await (await call(`/v1/factboxes/${slug}/claims.jsonld`)).text();
    expect(pinned).toContain('"value":1400');
    expect(pinned).toContain(LATER);
    expect(live).toContain('"value":1500');
    expect((await call(`/v1/factboxes/${slug}/claims.jsonld?revision=9`)).status).toBe(404);
    expect((await call(`/v1/factboxes/${slug}/claims.jsonld?revision=x`)).status).toBe(400);
  });
});
