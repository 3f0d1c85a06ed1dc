// @vitest-environment node
// Size is deterministic, unlike time: embed.js must stay within its gzip budget.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { EMBED_BUDGET_GZIP, sizes } from '../../scripts/sizes.mjs';

it(`embed.js is at most ${EMBED_BUDGET_GZIP} bytes gzip`, () => {
  const s = sizes(readFileSync('dist/embed.js'));
  expect(s.gzip).toBeLessThanOrEqual(EMBED_BUDGET_GZIP);
  expect(s.raw).toBeGreaterThan(1000); // a real bundle, not an empty file
});
