// 6. History: the list and the builder with 1 and 10,000 revisions of one box in the store (local
// D1, every request reaching D1 through a valid token). Hardening II found the list visiting
// every revision row; the heads table makes both cost the same however long a history is.
//   tsx tests/bench/history.ts [repo-dir]   measures another checkout (e.g. an older commit) alike
import { freshDatabase, startWorker } from '../e2e/worker-process';
import { BENCH_VARS, COLD } from './throughput';
import { fmt, median, quantile, SLUG, table } from './util';

/** n - 1 more revisions of the default box, each a full copy of its body, made inside SQLite. */
const seedSql = (n: number) =>
  `WITH RECURSIVE k(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM k WHERE i < ${n})
   INSERT INTO revisions (slug, revision, state, body, title, author, created_at)
   SELECT slug, i, state, body, title, author, created_at FROM k, revisions WHERE slug = '${SLUG}' AND revision = 1`;

async function latencies(url: string, runs: number): Promise<number[]> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error('load tests target 127.0.0.1 only');
  const out: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: COLD });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    if (i >= 3) out.push(performance.now() - t); // the first three warm the isolate
  }
  return out;
}

export async function history(cwd = process.cwd(), runs = 40): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const n of [1, 10_000]) {
    const persist = `${cwd}/.wrangler/bench-history-${n}`;
    await freshDatabase(persist, `${cwd}/wrangler.toml`, n > 1 ? seedSql(n) : undefined);
    const worker = await startWorker({ persist, config: `${cwd}/wrangler.toml`, vars: BENCH_VARS });
    try {
      const list = await latencies(`${worker.origin}/v1/factboxes`, runs);
      const builder = await latencies(`${worker.origin}/`, runs);
      rows.push([fmt(n), fmt(median(list), 1), fmt(quantile(list, 0.95), 1), fmt(median(builder), 1), fmt(quantile(builder, 0.95), 1)]);
    } finally {
      worker.stop();
    }
  }
  return [
    `### 6. History: list and builder with 1 and 10,000 revisions of one box (local D1, ${runs} sequential requests each, every one reaching D1)`,
    table(['revisions', 'list median (ms)', 'p95 (ms)', 'builder median (ms)', 'p95 (ms)'], rows),
  ].join('\n');
}

if (process.argv[1]?.endsWith('history.ts')) console.log(await history(process.argv[2] ?? process.cwd()));
