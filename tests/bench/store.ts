// 5. Scale of the store: reads and the list endpoint with 1, 1,000 and 100,000 boxes in local D1.
import { encodeCursor } from '../../worker/factbox/cursor';
import { freshDatabase, startWorker } from '../e2e/worker-process';
import { BENCH_VARS, COLD, wrk } from './throughput';
import { fmt, SLUG, table } from './util';

/** n - 1 extra boxes, made inside SQLite (small bodies: the list reads only slug and title). */
const seedSql = (n: number) =>
  `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n - 1})
   INSERT INTO revisions (slug, revision, state, body, title, author, created_at)
   SELECT printf('bench-%06d', i), 1, 'live', '{}', printf('Bench box %d', i), 'bench', '2026-11-27T00:00:00.000Z' FROM k`;

export async function store(seconds: number): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const n of [1, 1000, 100_000]) {
    const persist = `.wrangler/bench-store-${n}`;
    await freshDatabase(persist, 'wrangler.toml', n > 1 ? seedSql(n) : undefined);
    const worker = await startWorker({ persist, vars: BENCH_VARS });
    try {
      const first = await wrk(`${worker.origin}/v1/factboxes?limit=50`, seconds, COLD);
      // A page near the end: keyset pagination makes it cost the same as the first.
      const last = n > 100 ? `bench-${String(n - 60).padStart(6, '0')}` : '';
      const deep = await wrk(`${worker.origin}/v1/factboxes?limit=50&cursor=${encodeCursor(last || 'a')}`, seconds, COLD);
      const read = await wrk(`${worker.origin}/v1/factboxes/${SLUG}`, seconds, COLD);
      rows.push([fmt(n), fmt(first.rps), fmt(first.p99, 2), fmt(deep.rps), fmt(deep.p99, 2), fmt(read.rps), fmt(read.p99, 2)]);
    } finally {
      worker.stop();
    }
  }
  return [
    '### 5. Scale of the store (local D1, every request reaching D1)',
    table(['boxes', 'list first page req/s', 'p99 (ms)', 'list page near the end req/s', 'p99 (ms)', 'box read req/s', 'p99 (ms)'], rows),
    '',
    '`GET /v1/factboxes` pages by slug with `limit` (default 50, max 200) and an opaque cursor; the query walks the primary key from the cursor, so a page costs the same with 100,000 boxes as with 1.',
  ].join('\n');
}
