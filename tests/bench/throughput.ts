// 3 and 5. Throughput on loopback with wrk, each endpoint beside /healthz from the same run.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fmt, ratio, table } from './util';

export interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const toMs = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? 1);

/** wrk against one URL on 127.0.0.1; it stops by itself after `seconds`. */
export async function wrk(url: string, seconds: number, headers: Record<string, string> = {}, extra: string[] = []): Promise<WrkResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error('load tests target 127.0.0.1 only');
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer(); // warm up
  const args = [
    '-t1',
    '-c16',
    `-d${seconds}s`,
    '--latency',
    ...extra,
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    url,
  ];
  const { stdout } = await promisify(execFile)('wrk', args, { timeout: (seconds + 30) * 1000 });
  const lat = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
    return m ? toMs(m[1]!, m[2]!) : NaN;
  };
  const errs = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN),
    p50: lat('50'),
    p99: lat('99'),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0),
    errors: errs ? errs.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
  };
}

export interface Endpoint {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

/** Skips the edge cache the way an authenticated CMS read does, so every request reaches D1. */
/** A valid token (only a valid one skips the edge cache), given to every bench worker by BENCH_VARS. */
export const COLD_TOKEN = 'bench-cold-read-token-0123';
export const COLD = { authorization: `Bearer ${COLD_TOKEN}` };
export const BENCH_VARS = { FACTBOX_TOKENS: `bench:${COLD_TOKEN}` };

export async function throughput(
  origin: string,
  endpoints: Endpoint[],
  seconds: number,
  title: string,
): Promise<{ md: string; results: Map<string, WrkResult> }> {
  const results = new Map<string, WrkResult>();
  const base = await wrk(`${origin}/healthz`, seconds);
  results.set('/healthz', base);
  for (const e of endpoints) results.set(e.name, await wrk(origin + e.path, seconds, e.headers));
  const rows = [
    ['`/healthz` (floor: no storage, no rendering)', base] as const,
    ...endpoints.map((e) => [e.name, results.get(e.name)!] as const),
  ].map(([name, r]) => [name, fmt(r.rps), fmt(r.p50, 2), fmt(r.p99, 2), ratio(r.rps / base.rps), fmt(r.non2xx + r.errors)]);
  return { md: [title, table(['endpoint', 'req/s', 'p50 (ms)', 'p99 (ms)', 'vs /healthz', 'errors'], rows)].join('\n'), results };
}
