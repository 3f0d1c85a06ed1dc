// Small network helpers for the browser tests and benchmarks: a free port, waiting for a server,
// and a host-page server on another origin whose pages each test sets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface HostPage {
  body: string;
  headers?: Record<string, string>;
  status?: number;
}

/** Serves host pages at http://localhost:PORT (another origin than the worker's 127.0.0.1). */
export async function hostServer() {
  const pages = new Map<string, HostPage | ((req: IncomingMessage, res: ServerResponse) => void)>();
  const server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!page) {
      res.writeHead(404).end('not found');
    } else if (typeof page === 'function') {
      page(req, res);
    } else {
      res.writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.body);
    }
  });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    set(path: string, page: HostPage | ((req: IncomingMessage, res: ServerResponse) => void)) {
      pages.set(path, page);
      return `http://localhost:${port}${path}`;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
