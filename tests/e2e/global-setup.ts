// Starts the real worker once for all browser tests and hands its origin to them.
import type { TestProject } from 'vitest/node';
import { rmSync } from 'node:fs';
import { freshDatabase, startWorker } from './worker-process';

declare module 'vitest' {
  export interface ProvidedContext {
    workerOrigin: string;
  }
}

export default async function setup(project: TestProject) {
  // One database per run, so two runs on one machine never share (or delete) each other's.
  const persist = `.wrangler/e2e-${process.pid}`;
  await freshDatabase(persist);
  const worker = await startWorker({
    persist,
    vars: { FACTBOX_TOKENS: 'e2e:e2e-token-0123456789abcdef,alice:alice-token-0123456789abcdef' },
  });
  project.provide('workerOrigin', worker.origin);
  return () => {
    worker.stop();
    rmSync(persist, { recursive: true, force: true });
  };
}
