// What following the README as a new user found, each pinned by a test.
import { describe, expect, it } from 'vitest';
import { call, create, DEFAULT_SLUG, editable, errorOf, put } from './helpers';

describe('following the README', () => {
  it('reports every problem of a box at once, each once', async () => {
    const base = await editable();
    const figures = structuredClone(base.figures) as { sourceIds: string[] }[];
    figures[0]!.sourceIds = ['no-such-source'];
    const res = await put('all-problems', { ...base, title: '', figures, feedback: 'javascript:alert(1)' }, { 'if-none-match': '*' });
    expect(res.status).toBe(400);
    const problems = (await errorOf(res)).problems!;
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('/title');
    expect(paths).toContain('/figures/0/sourceIds/0');
    expect(paths.filter((p) => p === '/feedback')).toHaveLength(1);
    expect(new Set(problems.map((p) => `${p.path} ${p.message}`)).size).toBe(problems.length);
  });

  it('answers 404 for labels in a language it does not have, however the name is spelled', async () => {
    for (const path of ['/i18n/KO.json', '/i18n/kor.json', '/i18n/ko', '/i18n/xx.json']) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect((await call('/i18n/ko.json')).status).toBe(200);
  });

  it('sends an ETag, and 304 for it, on every read', async () => {
    for (const path of [
      '/v1/schema.json',
      '/openapi.json',
      '/embed.json',
      '/i18n/ko.json',
      '/builder.js',
      '/embed.js',
      '/embed.css',
      `/oembed?url=${encodeURIComponent(`https://factbox.test/f/${DEFAULT_SLUG}`)}`,
      `/v1/factboxes/${DEFAULT_SLUG}`,
      '/v1/factboxes',
      `/embed/${DEFAULT_SLUG}`,
      `/f/${DEFAULT_SLUG}`,
      '/',
    ]) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      const etag = res.headers.get('etag');
      expect(etag, path).toMatch(/^"[^"]+"$/);
      const again = await call(path, { headers: { 'if-none-match': etag! } });
      expect(again.status, path).toBe(304);
    }
  });

  it('says that a box exists, not that it changed, when creating a slug that is taken', async () => {
    await create('taken');
    const res = await put('taken', await editable(), { 'if-none-match': '*' });
    expect(res.status).toBe(412);
    expect((await errorOf(res)).message).toMatch(/already exists/);
  });

  it('opens the builder on the default box, and previews it without JavaScript', async () => {
    await create('aaa-first-in-the-alphabet');
    const html = await (await call('/')).text();
    expect(html).toMatch(/<option value="north-korea-defections"[^>]*selected/);
    // The preview holds the edge-rendered box as the element's light-DOM content.
    const preview = html.slice(html.indexOf('<div id="preview">'));
    expect(preview).toContain('What does a defection mean?');
    expect(preview).toContain('1,400');
  });
});

/** The snippet the builder page shows for a method, as an editor copies it (unescaped). */
async function builderCode(method: string): Promise<string> {
  const html = await (await call(`/?slug=${DEFAULT_SLUG}&method=${method}`)).text();
  return /<code id="code">([\s\S]*?)<\/code>/
    .exec(html)![1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('the builder, for where scripts are stripped', () => {
  it('gives an email and RSS snippet: the tall card, linked to the box, its alt text the box in words', async () => {
    const code = await builderCode('email');
    expect(code).toMatch(
      /^<a href="https:\/\/factbox\.test\/f\/north-korea-defections"><img src="https:\/\/factbox\.test\/f\/north-korea-defections\/card-tall\.png" width="600" alt="/,
    );
    const alt = /alt="([^"]*)"/.exec(code)![1]!;
    for (const part of [
      'What does a defection mean?',
      'about 1,400 people a year',
      '3 to 7 defections (contested)',
      'as of August 2016',
      'Jeong Joon-hee',
      'A regime under strain',
      'Michael Madden',
      'Corrected August 28, 2016',
    ])
      expect(alt, part).toContain(part);
  });

  it('gives an AMP snippet: a resizable amp-iframe with the overflow button and a placeholder', async () => {
    const code = await builderCode('amp');
    expect(code).toMatch(/^<amp-iframe src="https:\/\/factbox\.test\/embed\/north-korea-defections" /);
    expect(code).toContain(' resizable ');
    expect(code).toContain('sandbox="allow-scripts allow-same-origin');
    expect(code).toMatch(/<button overflow type="button">/);
    expect(code).toMatch(/<amp-img placeholder layout="fill" src="https:\/\/factbox\.test\/f\/north-korea-defections\/card\.png"/);
  });
});
