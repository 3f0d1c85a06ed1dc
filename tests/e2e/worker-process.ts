// Runs the real worker with `wrangler dev` on a free port against a local D1 of its own, with
// the migrations applied: used by the browser tests, the benchmarks and the soak test.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { freePort, waitFor } from './net.ts';

export interface WorkerProcess {
  origin: string;
  /** The process group of npx, wrangler and workerd: for measuring their memory. */
  group: number;
  stop(): void;
}

const wrangler = (args: string[], env: Record<string, string> = {}) =>
  spawn('npx', ['wrangler', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });

function exited(child: ChildProcess, what: string): Promise<void> {
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (${code}):\n${log}`)))),
  );
}

/** Applies the migrations to a fresh local D1 in `persist`, then runs extra SQL if given. */
export async function freshDatabase(persist: string, config = 'wrangler.toml', sql?: string): Promise<void> {
  rmSync(persist, { recursive: true, force: true });
  await exited(
    wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist, '-c', config], { CI: 'true' }),
    'migrations',
  );
  if (sql)
    await exited(
      wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '-c', config, '--command', sql], { CI: 'true' }),
      'seeding',
    );
}

export async function startWorker(opts: { persist: string; config?: string; vars?: Record<string, string> }): Promise<WorkerProcess> {
  const port = await freePort();
  const vars = Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const child = wrangler([
    'dev',
    '-c',
    opts.config ?? 'wrangler.toml',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--persist-to',
    opts.persist,
    ...vars,
  ]);
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  // npx starts wrangler, which starts workerd: end the whole process group.
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${origin}/healthz`, 60_000);
  } catch (err) {
    stop();
    throw new Error(`wrangler dev did not start: ${String(err)}\n${log}`);
  }
  return { origin, stop, group: child.pid ?? 0 };
}
