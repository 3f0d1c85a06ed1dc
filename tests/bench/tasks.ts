// 7. Long tasks on a slow phone: cold loads of a host article under 4x CPU throttling (CDP
// Emulation.setCPUThrottlingRate), with no box, one box (embed.js, the per-box script, the iframe),
// three boxes, and 20 boxes (one batched read, or each box asking on its own). For each: the
// longest task, and the total blocking time the boxes add to the page (the sum of every task's
// time past 50 ms, from navigation to a second after the last box is in place, minus the same sum
// for the page without a box).
import type { Browser } from 'playwright-core';
import { hostServer } from '../e2e/net';
import { fmt, inlinedBox, median, SLUG, table } from './util';

const PROSE = `<p>${'The story continues around the box with ordinary paragraphs of text. '.repeat(8)}</p>`;

/** Collects long tasks from the very start, and marks when `n` boxes are in place. */
const observe = (n: number) => `<script>window.__m={lt:[]};
new PerformanceObserver(function(l){l.getEntries().forEach(function(e){__m.lt.push(e.duration)})}).observe({type:'longtask',buffered:true});
(function w(){var k=document.querySelectorAll('[data-factbox-ready]').length+(window.__frames||0);if(k>=${n}){__m.done=performance.now();setTimeout(function(){console.log('factbox-bench-done')},1000);return}setTimeout(w,5)})();</script>`;

const div = (slug: string) => `<div data-factbox="${slug}"><a href="/f/${slug}">A fact box</a></div>`;

interface Case {
  name: string;
  boxes: number;
  /** `inline`: the default box as static HTML (inlinedBox). */
  body: (origin: string, slugs: string[], inline: string) => string;
}

export const CASES: Case[] = [
  { name: 'no box (the article alone)', boxes: 0, body: () => '' },
  { name: '1 box: embed.js', boxes: 1, body: (o) => `${div(SLUG)}<script async src="${o}/embed.js"></script>` },
  { name: '1 box: per-box script', boxes: 1, body: (o) => `${div(SLUG)}<script async src="${o}/embed/${SLUG}.js"></script>` },
  // The floor: the same box with no script at all, its markup and styles in the article.
  { name: '1 box: its markup inlined (no script)', boxes: 1, body: (_o, _s, inline) => `${inline}<div data-factbox-ready hidden></div>` },
  {
    name: '1 box: iframe',
    boxes: 1,
    body: (o) =>
      `<iframe src="${o}/embed/${SLUG}" title="Fact box" style="width:100%;border:0;display:block" height="800"></iframe>` +
      `<script>addEventListener('message',function h(e){if(e.origin===${JSON.stringify(o)}&&e.data&&e.data.type==='factbox:resize'){removeEventListener('message',h);window.__frames=1}})</script>`,
  },
  {
    name: '3 boxes: embed.js',
    boxes: 3,
    body: (o, s) =>
      `${s
        .slice(0, 3)
        .map((x) => `${div(x)}${PROSE}`)
        .join('')}<script async src="${o}/embed.js"></script>`,
  },
  {
    name: '20 boxes: embed.js (one batched read)',
    boxes: 20,
    body: (o, s) => `${s.map((x) => `${div(x)}${PROSE}`).join('')}<script async src="${o}/embed.js"></script>`,
  },
  {
    name: '20 boxes: embed.js, each added on its own (20 reads)',
    boxes: 20,
    body: (o, s) =>
      `<script async src="${o}/embed.js"></script><script>var s=${JSON.stringify(s)},i=0;(function add(){` +
      `document.querySelector('main').insertAdjacentHTML('beforeend','<div data-factbox="'+s[i]+'"></div>');if(++i<s.length)setTimeout(add,0)})()</script>`,
  },
];

function article(body: string, n: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${observe(n)}
<style>body{margin:0;font:18px/1.6 Georgia,serif}main{max-width:40em;margin:0 auto;padding:16px}</style></head>
<body><main><h1>A news story</h1>${PROSE}${PROSE}${body}${PROSE}${PROSE}</main></body></html>`;
}

interface Load {
  done: number;
  longest: number;
  blocking: number;
}

async function load(browser: Browser, url: string, rate: number): Promise<Load> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  // The page says when it is done (a second after its last box, for the tasks that come after):
  // waiting with page.waitForFunction would run Playwright's own script in the page meanwhile.
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === 'factbox-bench-done', timeout: 60_000 });
  await page.goto(url);
  await done;
  const lt = await page.evaluate(() => (window as unknown as { __m: { lt: number[]; done: number } }).__m);
  await ctx.close();
  const tasks = (lt as { lt: number[] }).lt;
  return {
    done: (lt as { done: number }).done,
    longest: Math.max(0, ...tasks),
    blocking: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
  };
}

/** Slugs of 20 distinct boxes the bench database holds (created by the caller). */
export async function tasks(browser: Browser, origin: string, slugs: string[], runs = 10, rate = 4): Promise<string> {
  const host = await hostServer();
  try {
    const inline = await inlinedBox(origin);
    const urls = CASES.map((c, i) => host.set(`/tasks-${i}`, { body: article(c.body(origin, slugs, inline), c.boxes) }));
    for (const u of urls) await load(browser, u, 1); // warm the worker's cache, not the browser's
    const results: Load[][] = CASES.map(() => []);
    for (let r = 0; r < runs; r++) for (let i = 0; i < CASES.length; i++) results[i]!.push(await load(browser, urls[i]!, rate));
    const base = median(results[0]!.map((l) => l.blocking));
    const rows = CASES.map((c, i) => {
      const r = results[i]!;
      return [
        c.name,
        fmt(median(r.map((l) => l.done)), 0),
        fmt(median(r.map((l) => l.longest)), 0),
        fmt(Math.max(...r.map((l) => l.longest)), 0),
        i === 0 ? fmt(base, 0) : fmt(median(r.map((l) => l.blocking)) - base, 0),
      ];
    });
    return [
      `### 7. Long tasks under ${rate}× CPU throttling (${runs} cold loads each, 390 px viewport)`,
      table(
        ['page', 'last box in place (ms)', 'longest task, median (ms)', 'longest task, max (ms)', 'blocking time added (ms, median)'],
        rows,
      ),
      '',
      `Targets: no task over 50 ms for one box; at most 20 ms of blocking time added by one box and 50 ms by three. ` +
        `The first row's blocking time is the article's own, which the others are measured against. ` +
        `"Its markup inlined" is the floor: the box as static HTML in the article, with no script, laid out by the parser.`,
    ].join('\n');
  } finally {
    await host.close();
  }
}
