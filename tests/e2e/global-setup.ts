// Starts the real worker once for all browser tests: migrations applied to a fresh local D1,
// then `wrangler dev` on a free port. Its origin is handed to the tests with provide().
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { freePort, waitFor } from './net';

declare module 'vitest' {
  export interface ProvidedContext {
    workerOrigin: string;
  }
}

let child: ChildProcess | undefined;

/** npx starts wrangler, which starts workerd: end the whole process group. */
function stop() {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

export default async function setup(project: TestProject) {
  const persist = '.wrangler/e2e';
  rmSync(persist, { recursive: true, force: true });
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawn('npx', ['wrangler', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });
  await new Promise<void>((resolve, reject) => {
    const m = run(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { CI: 'true' });
    m.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrations failed: ${code}`))));
  });
  const port = await freePort();
  child = run(['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persist, '--var', 'FACTBOX_TOKENS:e2e:e2e-token-0123456789abcdef']);
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${origin}/healthz`, 60_000);
  } catch (err) {
    stop();
    throw new Error(`wrangler dev did not start: ${String(err)}\n${log}`);
  }
  project.provide('workerOrigin', origin);
  return stop;
}
