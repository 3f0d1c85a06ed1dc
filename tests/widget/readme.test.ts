// The README's snippets are the builder's: the same function (widget/render/snippets.ts) writes
// both, and this test fails when the README is not what it would write.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snippet, type Method } from '../../widget/render/snippets';

const readme = readFileSync('README.md', 'utf8');

describe('the README', () => {
  for (const method of ['script', 'iframe', 'element', 'oembed'] as Method[]) {
    it(`shows the builder's ${method} snippet, as the builder writes it`, () => {
      const code = snippet({
        origin: 'http://localhost:8787',
        slug: 'north-korea-defections',
        title: 'What does a defection mean?',
        method,
        theme: 'auto',
        lang: 'en',
      });
      expect(readme).toContain(code);
    });
  }
});
