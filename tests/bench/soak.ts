// npm run soak: 60 s of mixed reads with wrk on loopback while a writer makes a few writes a
// second. Checks: no 5xx, no socket errors, revisions = successful writes + 1, memory bounded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, startWorker } from '../e2e/worker-process';
import { wrk } from './throughput';
import { fmt, SLUG, table } from './util';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const TOKEN = 'soak-token-0123456789abcdef';
const persist = '.wrangler/soak';
await freshDatabase(persist);
const worker = await startWorker({ persist, vars: { FACTBOX_TOKENS: `soak:${TOKEN}`, FACTBOX_WRITES_PER_MINUTE: '100000' } });
const W = worker.origin;

/** Resident memory of a wrangler dev process group (wrangler and workerd), in MiB. */
const rssOf = (group: number) =>
  execFileSync('ps', ['-o', 'rss=', '-g', String(group)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .reduce((a, b) => a + Number(b), 0) / 1024;
const rss = () => rssOf(worker.group);

/** Growth after warm-up: the largest sample over the smallest, skipping the first two. */
const growthOf = (samples: number[]) => Math.max(...samples.slice(2)) / Math.min(...samples.slice(2));

/**
 * The same load on a worker that only reads D1: under local `wrangler dev` the D1 simulator's
 * memory grows with the number of queries by itself, so Factbox is judged against it.
 */
async function baselineGrowth(): Promise<{ growth: number; start: number; end: number }> {
  const persist = '.wrangler/soak-baseline';
  const config = 'tests/bench/d1-baseline/wrangler.toml';
  await freshDatabase(persist, config);
  const base = await startWorker({ persist, config });
  try {
    const samples = [rssOf(base.group)];
    const timer = setInterval(() => samples.push(rssOf(base.group)), 5000);
    await wrk(`${base.origin}/`, SECONDS);
    clearInterval(timer);
    samples.push(rssOf(base.group));
    return { growth: growthOf(samples), start: samples[0]!, end: samples.at(-1)! };
  } finally {
    base.stop();
  }
}

const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const paths = [
  `/v1/factboxes/${SLUG}`,
  `/embed/${SLUG}`,
  `/f/${SLUG}`,
  '/v1/factboxes',
  `/oembed?url=${encodeURIComponent(`${W}/f/${SLUG}`)}`,
  '/embed.js',
  `/v1/factboxes/soak-box`,
  `/embed/soak-box`,
];
const lua = join(tmpdir(), 'factbox-soak.lua');
writeFileSync(
  lua,
  `local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`,
);

try {
  const base = (await (await fetch(`${W}/v1/factboxes/${SLUG}/revisions/1`)).json()) as Record<string, unknown>;
  for (const k of ['slug', 'revision', 'updatedAt']) delete base[k];
  let res = await fetch(`${W}/v1/factboxes/soak-box`, {
    method: 'PUT',
    headers: { ...auth, 'if-none-match': '*' },
    body: JSON.stringify(base),
  });
  if (res.status !== 201) throw new Error(`could not create the soak box: ${res.status}`);
  let etag = res.headers.get('etag')!;

  const memory: number[] = [rss()];
  const sampler = setInterval(() => memory.push(rss()), 5000);
  const writes = { ok: 0, refused: 0, failed: 0 };
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      try {
        res =
          i % 3 === 2
            ? await fetch(`${W}/v1/factboxes/soak-box/corrections`, {
                method: 'POST',
                headers: auth,
                body: JSON.stringify({ text: `Soak correction ${i}.` }),
              })
            : await fetch(`${W}/v1/factboxes/soak-box`, {
                method: 'PUT',
                headers: { ...auth, 'if-match': etag },
                body: JSON.stringify({ ...base, title: `Soak edit ${i}` }),
              });
        if (res.ok) {
          writes.ok++;
          etag = res.headers.get('etag') ?? etag;
          if (i % 3 === 2) base.corrections = ((await res.json()) as { corrections: unknown }).corrections;
          else await res.arrayBuffer();
        } else {
          if (res.status >= 500) writes.failed++;
          else writes.refused++;
          await res.arrayBuffer();
        }
      } catch {
        writes.failed++;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  })();

  const reads = await wrk(`${W}/v1/factboxes/${SLUG}`, SECONDS, {}, ['-s', lua]);
  writing = false;
  await writer;
  clearInterval(sampler);
  memory.push(rss());

  const history = (await (await fetch(`${W}/v1/factboxes/soak-box/revisions`)).json()) as { revisions: unknown[] };
  const growth = growthOf(memory);
  worker.stop();
  const baseline = await baselineGrowth();
  const checks: [string, string, boolean][] = [
    ['reads: non-2xx/3xx responses', fmt(reads.non2xx), reads.non2xx === 0],
    ['reads: socket errors', fmt(reads.errors), reads.errors === 0],
    ['writes: 5xx or failed', fmt(writes.failed), writes.failed === 0],
    ['writes: refused (4xx)', fmt(writes.refused), writes.refused === 0],
    ['revisions = successful writes + 1', `${history.revisions.length} = ${writes.ok} + 1`, history.revisions.length === writes.ok + 1],
    [
      'memory (wrangler + workerd, MiB): start → max → end',
      `${fmt(memory[0]!)} → ${fmt(Math.max(...memory))} → ${fmt(memory.at(-1)!)}`,
      growth < 1.5 || growth <= baseline.growth * 1.25,
    ],
    ['same load on a worker that only reads D1 (MiB): start → end', `${fmt(baseline.start)} → ${fmt(baseline.end)}`, true],
  ];
  const md = [
    `## Soak: ${SECONDS} s of mixed reads (wrk, 1 thread, 16 connections) with a writer every 300 ms`,
    table(
      ['measure', 'value', 'ok'],
      [
        ['reads', `${fmt(reads.rps)} req/s, p50 ${fmt(reads.p50, 2)} ms, p99 ${fmt(reads.p99, 2)} ms`, ''],
        ['writes accepted', fmt(writes.ok), ''],
        ...checks.map(([m, v, ok]) => [m, v, ok ? 'yes' : '**NO**']),
      ],
    ),
    '',
    `Memory after warm-up grew ${growth.toFixed(2)}× for Factbox and ${baseline.growth.toFixed(2)}× for the D1-only baseline under the same load ` +
      `(the check passes under 1.5×, or within 1.25× of the baseline: local D1's own growth is not Factbox's). Reads cycle through ${paths.length} paths: ${paths.map((p) => `\`${p.split('?')[0]}\``).join(', ')}.`,
  ].join('\n');
  console.log(md);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/soak.md', `${md}\n`);
  if (checks.some(([, , ok]) => !ok)) process.exitCode = 1;
} finally {
  worker.stop();
}
