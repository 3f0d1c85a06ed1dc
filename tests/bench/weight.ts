// 1. Weight: embed.js beside the scripts a newsroom would otherwise load for a responsive
// embed, and the compressed bytes on the wire to a fully rendered default box.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EMBED_BUDGET_GZIP, sizes } from '../../scripts/sizes.mjs';
import { fmt, SLUG, table } from './util';

const require = createRequire(import.meta.url);

export async function weight(origin: string): Promise<string> {
  const files: [string, string][] = [
    ['Factbox embed.js', 'dist/embed.js'],
    ['pym.js 1.3.2 (pym.v1.min.js)', require.resolve('pym.js/dist/pym.v1.min.js')],
    ['iframe-resizer 5.5.9 parent (index.umd.js)', require.resolve('@iframe-resizer/parent/index.umd.js')],
  ];
  const scriptRows = files.map(([name, path]) => {
    const s = sizes(readFileSync(path));
    return [name, fmt(s.raw), fmt(s.gzip), fmt(s.brotli)];
  });

  const get = async (path: string) => new Uint8Array(await (await fetch(origin + path)).arrayBuffer());
  const manifest = (await (await fetch(`${origin}/embed.json`)).json()) as { src: string };
  const css = /\/embed\.css\?v=[0-9a-f]+/.exec(readFileSync('dist/embed.js', 'utf8'))![0];
  const parts: [string, string][] = [
    ['embed.js', new URL(manifest.src).pathname],
    ['box JSON', `/v1/factboxes/${SLUG}`],
    ['stylesheet', css],
  ];
  const wire = await Promise.all(parts.map(async ([name, path]) => [name, sizes(await get(path))] as const));
  const scriptTotal = wire.reduce((a, [, s]) => ({ gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { gzip: 0, brotli: 0 });
  // The builder's snippet: one request that carries all three (and the English labels).
  const perBox = sizes(await get(`/embed/${SLUG}.js`));
  const labels = sizes(await get('/i18n/en.json'));
  // Loaded only when a page needs them: more.js (<fact-box>, fragments, data-seo), report.js (the form).
  const onDemand = /(more|report)\.[0-9a-f]{10}\.js/g;
  const lazy = await Promise.all(
    [...new Set(readFileSync('dist/embed.js', 'utf8').match(onDemand))].map(
      async (f) => [f.replace(/\.[0-9a-f]{10}/, ''), sizes(await get(`/${f}`))] as const,
    ),
  );
  const page = sizes(await get(`/embed/${SLUG}`));
  const resizer = wire[0]![1];
  const wireRows = [
    ['**script tag: the per-box script /embed/:slug.js (one request)**', `**${fmt(perBox.gzip)}**`, `**${fmt(perBox.brotli)}**`],
    ...wire.map(([name, s]) => [`script tag with embed.js: ${name}`, fmt(s.gzip), fmt(s.brotli)]),
    ['script tag with embed.js: labels', fmt(labels.gzip), fmt(labels.brotli)],
    [
      '**script tag with embed.js, total (four requests)**',
      `**${fmt(scriptTotal.gzip + labels.gzip)}**`,
      `**${fmt(scriptTotal.brotli + labels.brotli)}**`,
    ],
    ['iframe: /embed/ page (styles and script inline, nothing else loaded)', fmt(page.gzip), fmt(page.brotli)],
    ['**iframe with embed.js resizing it, total**', `**${fmt(page.gzip + resizer.gzip)}**`, `**${fmt(page.brotli + resizer.brotli)}**`],
  ];
  const embedGzip = sizes(readFileSync('dist/embed.js')).gzip;
  const lazyRows = lazy.map(([name, s]) => [`${name} (on demand)`, fmt(s.raw), fmt(s.gzip), fmt(s.brotli)]);
  return [
    '### 1. Weight (bytes)',
    table(['script', 'raw', 'gzip', 'brotli'], [...scriptRows, ...lazyRows]),
    '',
    table(['on the wire to a rendered default box', 'gzip', 'brotli'], wireRows),
    '',
    `Targets: embed.js ≤ ${fmt(EMBED_BUDGET_GZIP)} B gzip: **${fmt(embedGzip)}** (${embedGzip <= EMBED_BUDGET_GZIP ? 'met' : 'missed'}); ` +
      `script tag on the wire ≤ 12,288 B compressed: the per-box script **${fmt(perBox.brotli)}** brotli, which the edge serves to every browser that accepts it (${perBox.brotli <= 12288 ? 'met' : 'missed'}), ${fmt(perBox.gzip)} gzip (${perBox.gzip <= 12288 ? 'met' : 'missed'}). ` +
      'pym.js and iframe-resizer only resize an iframe; the box itself would still have to be loaded on top.',
  ].join('\n');
}
