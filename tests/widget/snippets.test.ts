// The builder's "this version" choice: every way of embedding carries the pin, and "always the
// latest" carries none.
import { describe, expect, it } from 'vitest';
import { METHODS, snippet } from '../../widget/render/snippets';

const base = { origin: 'https://factbox.example', slug: 'a-box', title: 'A box', theme: 'auto', lang: 'en' } as const;

describe('pinned snippets', () => {
  it('pin every method to the revision, and the latest leaves every one unpinned', () => {
    const expected: Record<(typeof METHODS)[number], string[]> = {
      script: ['data-revision="3"', '/embed/a-box.js?revision=3'],
      iframe: ['/embed/a-box?revision=3'],
      element: ['revision="3"'],
      oembed: ['https://factbox.example/f/a-box?revision=3'],
      email: ['/f/a-box?revision=3', '/f/a-box/revisions/3/card-tall.png'],
      amp: ['/embed/a-box?revision=3', '/f/a-box/revisions/3/card.png'],
      json: ['/v1/factboxes/a-box?revision=3'],
    };
    for (const method of METHODS) {
      for (const part of expected[method]) expect(snippet({ ...base, method, revision: 3 }), method).toContain(part);
      expect(snippet({ ...base, method }), method).not.toContain('revision');
    }
  });

  it('joins the pin to the other options in one query', () => {
    expect(snippet({ ...base, method: 'iframe', theme: 'dark', revision: 2 })).toContain('/embed/a-box?theme=dark&revision=2"');
    expect(snippet({ ...base, method: 'script', lang: 'ko', revision: 2 })).toContain('/embed/a-box.js?lang=ko&revision=2"');
  });
});
