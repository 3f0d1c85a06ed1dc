// Lighthouse 13 (its own CLI, on Debian's Chromium) on the edge pages: best practices and SEO.
// /embed/ says noindex on purpose (/f/ is the page to index), which Lighthouse's SEO score counts
// against it; everything else must pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { lighthouseJson } from './lighthouse-cli';

const W = inject('workerOrigin');
const dir = mkdtempSync(join(tmpdir(), 'factbox-lighthouse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  categories: Record<string, { score: number }>;
  audits: Record<string, { score: number | null; scoreDisplayMode: string }>;
}

function lighthouse(path: string): Promise<Report> {
  return lighthouseJson<Report>(`${W}${path}`, ['--only-categories=best-practices,seo'], join(dir, `${path.replace(/\W+/g, '-')}.json`));
}

const failing = (r: Report) =>
  Object.entries(r.audits)
    .filter(([, a]) => a.score !== null && a.score < 1 && !['informative', 'manual', 'notApplicable'].includes(a.scoreDisplayMode))
    .map(([id]) => id);

describe('Lighthouse on the edge pages', () => {
  it('scores /f/ 100 in best practices and SEO', { timeout: 120_000 }, async () => {
    const r = await lighthouse('/f/north-korea-defections');
    expect(failing(r)).toEqual([]);
    expect(r.categories['best-practices']?.score).toBe(1);
    expect(r.categories.seo?.score).toBe(1);
  });

  it('scores /embed/ 100 in best practices, and in SEO fails only the noindex it asks for', { timeout: 120_000 }, async () => {
    const r = await lighthouse('/embed/north-korea-defections');
    expect(r.categories['best-practices']?.score).toBe(1);
    expect(failing(r)).toEqual(['is-crawlable']);
  });
});
