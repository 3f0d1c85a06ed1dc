// 8. Lighthouse on a news article (840 words) with and without a box in the middle: mobile preset,
// real throttling (devtools: 4x CPU, slow 4G applied to the page), median of 3 runs each. Lighthouse
// 13 runs here because the project is on Node 24 (12.2.3 was the last for Node 20).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lighthouseJson } from '../e2e/lighthouse-cli';
import { hostServer } from '../e2e/net';
import { heightFor } from '../../widget/render/snippets';
import { fmt, median, SLUG, table } from './util';

/** 840 words of ordinary prose in 12 paragraphs of 70. */
const PARAGRAPH = `<p>${'Officials said the figures would be reviewed again next year as more people arrive. '.repeat(5).trim()}</p>`;
const article = (box: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<title>A news story</title><meta name="description" content="A news story with a fact box beside it.">` +
  `<style>body{margin:0;font:18px/1.6 Georgia,serif}main{max-width:40em;margin:0 auto;padding:16px}</style></head>` +
  `<body><main><h1>A news story</h1>${PARAGRAPH.repeat(6)}${box}${PARAGRAPH.repeat(6)}</main></body></html>`;

const div = (origin: string) => `<div data-factbox="${SLUG}"><a href="${origin}/f/${SLUG}">What does a defection mean?</a></div>`;

const VARIANTS = [
  { name: 'no box', box: () => '' },
  { name: 'per-box script (the builder snippet)', box: (o: string) => `${div(o)}<script async src="${o}/embed/${SLUG}.js"></script>` },
  { name: 'embed.js', box: (o: string) => `${div(o)}<script async src="${o}/embed.js"></script>` },
  {
    name: 'iframe + embed.js',
    box: (o: string) =>
      `<iframe src="${o}/embed/${SLUG}" title="Fact box" style="width:100%;border:0" height="${heightFor(390)}" loading="lazy"></iframe><script async src="${o}/embed.js"></script>`,
  },
];

interface Run {
  score: number;
  lcp: number;
  tbt: number;
  cls: number;
  benchmarkIndex: number;
}

async function run(url: string, dir: string, i: number): Promise<Run> {
  const r = await lighthouseJson<{
    categories: { performance: { score: number } };
    audits: Record<string, { numericValue: number }>;
    environment: { benchmarkIndex: number };
  }>(url, ['--only-categories=performance', '--throttling-method=devtools'], join(dir, `${i}.json`), 180_000);
  return {
    score: r.categories.performance.score * 100,
    lcp: r.audits['largest-contentful-paint']!.numericValue,
    tbt: r.audits['total-blocking-time']!.numericValue,
    cls: r.audits['cumulative-layout-shift']!.numericValue,
    benchmarkIndex: r.environment.benchmarkIndex,
  };
}

export async function lighthouse(origin: string, runs = 3): Promise<string> {
  const host = await hostServer();
  const dir = mkdtempSync(join(tmpdir(), 'factbox-bench-lh-'));
  try {
    const results = VARIANTS.map(() => [] as Run[]);
    let i = 0;
    // Interleaved, so that the machine's noise falls on every variant alike.
    for (let r = 0; r < runs; r++)
      for (const [v, variant] of VARIANTS.entries()) {
        const url = host.set(`/lh-${v}`, { body: article(variant.box(origin)) });
        results[v]!.push(await run(url, dir, i++));
      }
    const med = (v: number, k: keyof Run) => median(results[v]!.map((x) => x[k]));
    const delta = (v: number, k: keyof Run, digits: number) =>
      v === 0 ? fmt(med(0, k), digits) : `${med(v, k) - med(0, k) >= 0 ? '+' : ''}${fmt(med(v, k) - med(0, k), digits)}`;
    const rows = VARIANTS.map((variant, v) => [
      variant.name,
      delta(v, 'score', 0),
      delta(v, 'lcp', 0),
      delta(v, 'tbt', 0),
      delta(v, 'cls', 3),
    ]);
    const bmi = median(results.flat().map((x) => x.benchmarkIndex));
    return [
      `### 8. Lighthouse ${await version()}, mobile, real throttling (4× CPU, slow 4G), 840-word article, median of ${runs}`,
      table(['article', 'performance score', 'LCP (ms)', 'TBT (ms)', 'CLS'], rows),
      '',
      `The first row is the article alone; the others are the change the box makes to it. Lighthouse rates this machine's CPU at a benchmark index of ${fmt(bmi, 0)} ` +
        `(DevTools calibrates a Pixel 5 at about 1,000, and Lighthouse warns below 1,000): slowed down 4×, it stands for a phone of about ${fmt(bmi / 4, 0)}.`,
    ].join('\n');
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function version(): Promise<string> {
  const pkg = JSON.parse(readFileSync('node_modules/lighthouse/package.json', 'utf8')) as { version: string };
  return pkg.version;
}
