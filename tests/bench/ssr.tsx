// 4. Server-side render cost of the shared component, by box size (tinybench).
import { readFileSync } from 'node:fs';
import { renderToString } from 'preact-render-to-string';
import { Bench } from 'tinybench';
import { FactBox } from '../../widget/render/components/FactBox';
import { labelsFor } from '../../widget/render/i18n/all';
import type { FactBox as Box } from '../../worker/factbox/schema';
import { fmt, table } from './util';

function defaultBox(): Box {
  const sql = readFileSync('worker/migrations/0002_default_box.sql', 'utf8');
  return JSON.parse(/'(\{[\s\S]*\})'/.exec(sql)![1]!.replace(/''/g, "'")) as Box;
}

/** A box with n figures and n views, cycling through the default box's own. */
function sized(base: Box, n: number): Box {
  return {
    ...base,
    figures: Array.from({ length: n }, (_, i) => ({ ...base.figures[i % base.figures.length]!, id: `f${i}` })),
    views: Array.from({ length: n }, (_, i) => ({ ...base.views[i % base.views.length]!, id: `v${i}` })),
  };
}

export async function ssr(): Promise<string> {
  const base = defaultBox();
  const labels = labelsFor('en');
  const cases: [string, Box, number][] = [
    ['default box (3 figures, 4 views)', base, 7],
    ['10 figures + 10 views', sized(base, 10), 20],
    ['100 figures + 100 views', sized(base, 100), 200],
    ['1,000 figures + 1,000 views', sized(base, 1000), 2000],
  ];
  const bench = new Bench({ time: 800, warmup: true });
  for (const [name, box] of cases)
    bench.add(name, () => void renderToString(<FactBox box={box} labels={labels} locale="en" theme="auto" level={1} newTab />));
  await bench.run();
  const us = (name: string) => (bench.getTask(name)!.result as { latency: { mean: number } }).latency.mean * 1000;
  const rows = cases.map(([name, box, items]) => {
    const bytes = renderToString(<FactBox box={box} labels={labels} locale="en" theme="auto" />).length;
    return [name, fmt(us(name), 1), fmt(us(name) / items, 2), fmt(bytes)];
  });
  const per = cases.slice(1).map(([name, , items]) => us(name) / items);
  const spread = Math.max(...per) / Math.min(...per);
  return [
    '### 4. Server-side render cost (preact-render-to-string, Node)',
    table(['box', 'µs per render', 'µs per figure or view', 'HTML bytes'], rows),
    '',
    `Cost per item from 10 to 1,000 items varies by ${spread.toFixed(2)}× (1.00× would be perfectly linear): ` +
      `${spread < 2 ? 'linear in box size' : 'NOT linear: investigate'}, about ${fmt(per.at(-1)!, 1)} µs per figure-and-view pair.`,
  ].join('\n');
}
