// Measures how tall the default box renders in Chromium at the widths embeds meet, and writes
// widget/render/heights.json (container width in px -> box height in px) for heightFor() in
// widget/render/snippets.ts: the snippet's reserved height, the iframe height and embed.js's
// reservation before a box renders all come from it.
//
//   node scripts/measure-heights.ts            the compact layout, written to heights.json
//   node scripts/measure-heights.ts --full     the full layout, printed only
//   node scripts/measure-heights.ts --check    compare with heights.json; exit 1 when off by >10%
//
// The box is rendered the way embed.js renders it: the component's markup in an open shadow root
// of a container that is exactly the width, with the production stylesheet (SHADOW_CSS) adopted.
// Debian's Chromium (CHROMIUM_PATH to override), English labels, light theme.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const WIDTHS = [320, 390, 500, 600, 700, 1280];
const OUT = 'widget/render/heights.json';
const full = process.argv.includes('--full');
const check = process.argv.includes('--check');

// The component is TSX: bundle a tiny entry with esbuild and import it from memory.
const entry = `
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { FactBox } from './widget/render/components/FactBox';
import { labelsFor } from './widget/render/i18n/all';
import { SHADOW_CSS } from './widget/render/styles';
export const css = SHADOW_CSS;
export const markup = (box, layout) => renderToString(h(FactBox, { box, labels: labelsFor('en'), locale: 'en', theme: 'light', layout }));
`;
const bundled = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  write: false,
  logLevel: 'warning',
});
const mod = (await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0]!.text).toString('base64')}`)) as {
  css: string;
  markup: (box: unknown, layout: string) => string;
};

const sql = readFileSync('worker/migrations/0002_default_box.sql', 'utf8');
const box = JSON.parse(/'(\{[\s\S]*\})'/.exec(sql)![1]!.replace(/''/g, "'")) as unknown;
const html = mod.markup(box, full ? 'full' : 'compact');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const heights: Record<string, number> = {};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.setContent('<!doctype html><html lang="en"><body style="margin:0"></body></html>');
  for (const width of WIDTHS) {
    heights[width] = await page.evaluate(
      ({ width, css, html }) => {
        document.body.replaceChildren();
        // A column of the width (the host page's), and the container in it, as on an article page.
        const column = document.createElement('div');
        column.style.width = `${width}px`;
        const host = column.appendChild(document.createElement('div'));
        document.body.append(column);
        const root = host.attachShadow({ mode: 'open' });
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [sheet];
        root.innerHTML = html;
        return Math.ceil(root.querySelector('aside')!.getBoundingClientRect().height);
      },
      { width, css: mod.css, html },
    );
  }
} finally {
  await browser.close();
}

if (check) {
  const committed = JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, number>;
  const off = WIDTHS.filter((w) => Math.abs(committed[w]! - heights[w]!) > heights[w]! * 0.1);
  console.log(WIDTHS.map((w) => `${w}px: committed ${committed[w]}, measured ${heights[w]}`).join('\n'));
  if (off.length) {
    console.error(`heights.json is stale at ${off.join(', ')} px: run node scripts/measure-heights.ts`);
    process.exitCode = 1;
  }
} else if (full) {
  console.log('full layout', heights);
} else {
  writeFileSync(OUT, `${JSON.stringify(heights, null, 2)}\n`);
  console.log(`compact layout, written to ${OUT}`, heights);
}
