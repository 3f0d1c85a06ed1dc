// Calls the worker the way the runtime does, inside workerd, with the real D1 binding.
import { expect } from 'vitest';
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index';
import { editableSeedBox, SEED_SLUG, seedBox } from '../fixtures/seed-box';

export const ORIGIN = 'https://factbox.test';
export const DEFAULT_SLUG = SEED_SLUG;

export async function call(path: string, init: RequestInit = {}, bindings: Partial<typeof env> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(ORIGIN + path, init), { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export async function errorOf(res: Response): Promise<{ code: string; message: string; problems?: { path: string; message: string }[] }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

/** A D1 binding whose every query fails the way D1 does when it is down. */
export function brokenD1(message = 'D1_ERROR: storage is down'): D1Database {
  const fail = () => Promise.reject(new Error(message));
  const statement = { bind: () => statement, first: fail, all: fail, run: fail, raw: fail };
  const session = { prepare: () => statement, batch: fail, getBookmark: () => null };
  return { ...session, exec: fail, withSession: () => session, dump: fail } as unknown as D1Database;
}

/** Puts revision 1 of a box (the seed box, patched) straight into D1, as the seed migration does. */
export async function seed(slug: string, patch: Record<string, unknown> = {}): Promise<void> {
  const box: Record<string, unknown> = { ...structuredClone(seedBox), slug, revision: 1, ...patch };
  await env.DB.prepare(
    "INSERT INTO revisions (slug, revision, state, body, title, author, created_at) VALUES (?, 1, 'live', ?, ?, 'test', ?)",
  )
    .bind(slug, JSON.stringify(box), String(box.title), String(box.updatedAt))
    .run();
}

export const ALICE = 'test-token-alice-0123456789';
export const BOB = 'test-token-bob-9876543210';
/** An admin (takedowns), with the bindings that know it: pass ADMIN_TOKENS to call(). */
export const ROOT = 'root-token-0123456789abcdef';
export const ADMIN_TOKENS = { FACTBOX_TOKENS: `alice:${ALICE},root:${ROOT}:admin` };
/** The headers of a JSON request with a bearer token. */
export const as = (token: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  ...extra,
});

/** The default box as an editor would send it: without the fields the server sets (a fresh copy). */
export async function editable(): Promise<Record<string, unknown>> {
  return editableSeedBox() as unknown as Record<string, unknown>;
}

export function put(slug: string, body: unknown, headers: Record<string, string> = {}, token = ALICE) {
  return call(`/v1/factboxes/${slug}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Creates `slug` from the default box and returns its ETag. */
export async function create(slug: string, patch: Record<string, unknown> = {}): Promise<string> {
  const res = await put(slug, { ...(await editable()), ...patch }, { 'if-none-match': '*' });
  expect(res.status).toBe(201);
  return res.headers.get('etag')!;
}

/** Every stored row of a slug, straight from D1: what "state unchanged" is checked against. */
export async function rows(slug: string): Promise<unknown[]> {
  const { results } = await env.DB.prepare('SELECT * FROM revisions WHERE slug = ? ORDER BY revision').bind(slug).all();
  return results;
}

/** A D1 binding that never answers: the worker must give up on it by itself. */
export function hangingD1(): D1Database {
  const never = () => new Promise<never>(() => {});
  const statement = { bind: () => statement, first: never, all: never, run: never, raw: never };
  const session = { prepare: () => statement, batch: never, getBookmark: () => null };
  return { ...session, exec: never, withSession: () => session, dump: never } as unknown as D1Database;
}

/** The real D1, except that writes (INSERT) fail: reads work, the write must change nothing. */
export function failingWrites(): D1Database {
  const wrap = (db: D1Database | D1DatabaseSession) =>
    new Proxy(db, {
      get(target, prop) {
        if (prop === 'prepare')
          return (sql: string) => {
            if (/^\s*INSERT/i.test(sql)) throw new Error('D1_ERROR: disk I/O error');
            return target.prepare(sql);
          };
        const v = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'withSession') return (c?: string) => wrap(target.withSession(c));
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** How many revision rows exist in all: the only kind of write is adding one. */
export async function revisionCount(): Promise<number> {
  return (await env.DB.prepare('SELECT COUNT(*) AS n FROM revisions').first<{ n: number }>())!.n;
}
