// npm run bench: what readers and newsrooms pay, beside the alternatives, in one run.
// Ratios within this run are what count; absolute times depend on this shared, noisy machine.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { CHROMIUM, launch } from '../e2e/chromium';
import { freshDatabase, startWorker } from '../e2e/worker-process';
import { render } from './render';
import { ssr } from './ssr';
import { store } from './store';
import { BENCH_VARS, COLD, COLD_TOKEN, throughput } from './throughput';
import { history } from './history';
import { lighthouse } from './lighthouse';
import { tasks } from './tasks';
import { ratio, SLUG } from './util';
import { weight } from './weight';

const missing: string[] = [];
try {
  execFileSync('wrk', ['--version'], { stdio: 'ignore' });
} catch (err) {
  if ((err as { code?: string }).code === 'ENOENT') missing.push('wrk');
}
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (missing.length) {
  console.error(`npm run bench needs ${missing.join(' and ')}: apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}

const started = Date.now();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${chromiumVersion}, wrangler dev (local workerd)`;
const sections: string[] = [
  `## Benchmark results\n\nMachine: ${machine}. Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
];
const log = (s: string) => {
  sections.push(s);
  console.log(`${s}\n`);
};
/** BENCH_ONLY=render,tasks runs only those sections (weight render throughput ssr store history tasks lighthouse). */
const only = process.env.BENCH_ONLY?.split(',');
const want = (section: string) => !only || only.includes(section);

/** 20 distinct boxes for the many-boxes cases, made through the API like an editor would. */
async function manyBoxes(origin: string): Promise<string[]> {
  const slugs = Array.from({ length: 20 }, (_, i) => `bench-box-${i + 1}`);
  const { slug: _s, revision: _r, updatedAt: _u, ...box } = await (await fetch(`${origin}/v1/factboxes/${SLUG}`)).json();
  for (const [n, slug] of slugs.entries()) {
    const res = await fetch(`${origin}/v1/factboxes/${slug}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${COLD_TOKEN}`, 'content-type': 'application/json', 'if-none-match': '*' },
      body: JSON.stringify({ ...box, title: `Box ${n + 1}` }),
    });
    if (res.status !== 201) throw new Error(`creating ${slug}: ${res.status} ${await res.text()}`);
  }
  return slugs;
}

// The box as a static file for the Workers static assets baseline.
mkdirSync('dist/bench-assets/static', { recursive: true });
const sql = readFileSync('worker/migrations/0002_default_box.sql', 'utf8');
writeFileSync(`dist/bench-assets/static/${SLUG}.json`, /'(\{[\s\S]*\})'/.exec(sql)![1]!.replace(/''/g, "'"));

const config = 'tests/bench/wrangler.bench.toml';
const persist = '.wrangler/bench';
await freshDatabase(persist, config);
const worker = await startWorker({ persist, config, vars: BENCH_VARS });
try {
  if (want('weight')) log(await weight(worker.origin));
  const browser = await launch();
  try {
    if (want('render')) log(await render(browser, worker.origin, Number(process.env.BENCH_LOADS ?? 20)));
    if (want('tasks')) log(await tasks(browser, worker.origin, await manyBoxes(worker.origin), Number(process.env.BENCH_LOADS ?? 20) / 2));
  } finally {
    await browser.close();
  }
  if (want('lighthouse')) log(await lighthouse(worker.origin, Number(process.env.LIGHTHOUSE_RUNS ?? 3)));
  if (want('throughput')) {
    const enc = encodeURIComponent(`${worker.origin}/f/${SLUG}`);
    const { md, results } = await throughput(
      worker.origin,
      [
        { name: 'static asset: the box as a JSON file (Workers static assets)', path: `/static/${SLUG}.json` },
        { name: '`GET /v1/factboxes/:slug` warm (edge cache)', path: `/v1/factboxes/${SLUG}` },
        { name: '`GET /v1/factboxes/:slug` cold (D1 every time)', path: `/v1/factboxes/${SLUG}`, headers: COLD },
        { name: '`GET /embed/:slug` warm (edge cache)', path: `/embed/${SLUG}` },
        { name: '`GET /embed/:slug` SSR every time (D1 + render)', path: `/embed/${SLUG}`, headers: COLD },
        { name: '`GET /oembed`', path: `/oembed?url=${enc}&format=json` },
      ],
      SECONDS,
      `### 3. Throughput on loopback (wrk, 1 thread, 16 connections, ${SECONDS} s each)`,
    );
    const base = results.get('/healthz')!.rps;
    const warm = results.get('`GET /v1/factboxes/:slug` warm (edge cache)')!.rps / base;
    const ssrCold = results.get('`GET /embed/:slug` SSR every time (D1 + render)')!.rps / base;
    const ssrWarm = results.get('`GET /embed/:slug` warm (edge cache)')!.rps / base;
    log(
      `${md}\n\nTargets: warm JSON ≥ 0.8× /healthz: **${ratio(warm)}** (${warm >= 0.8 ? 'met' : 'missed'}); ` +
        `SSR /embed/ ≥ 0.6×: **${ratio(ssrWarm)}** as served (edge cache), **${ratio(ssrCold)}** rendered every time ` +
        `(${ssrWarm >= 0.6 ? 'met as served' : 'missed'}${ssrCold >= 0.6 ? ', met rendered' : ', missed rendered'}).`,
    );
  }
} finally {
  worker.stop();
}
if (want('ssr')) log(await ssr());
if (want('store')) log(await store(Math.max(2, SECONDS - 1)));
if (want('history')) log(await history());

const elapsed = `\nThe whole run took ${Math.round((Date.now() - started) / 1000)} s.`;
console.log(elapsed);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.md', `${sections.join('\n\n')}\n${elapsed}\n`);
console.log('Written to bench/results/latest.md');
