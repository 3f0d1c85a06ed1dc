// The authoring API: create, update, correct, archive and restore fact boxes. Every write is one
// new revision row, conditional on the revision it was based on (ETags), so two editors can never
// silently overwrite each other, and nothing stored is ever lost.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authenticate, rateLimit } from '../auth';
import { readJson } from '../body';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import {
  MAX_REQUEST_BYTES,
  sizeProblems,
  validateCorrection,
  validateInput,
  validateTakedown,
  type Correction,
  type FactBox,
  type FactBoxInput,
} from '../factbox/schema';
import { CACHE_CONTROL, purgeBox } from '../cache';
import { LIMITS } from '../factbox/schema';
import { FactBoxStore, type Head, type RevisionState } from '../factbox/store';
import { headEtag, ifMatches } from '../http';
import { queryTimeout } from '../middleware';
import { slugParam } from '../params';

/** An admin's write: a token with the admin role (name:token:admin), else 403. */
async function admin(c: Context<AppEnv>) {
  const { name, role } = await authenticate(c.env, c.req.raw);
  if (role !== 'admin')
    throw new ApiError('forbidden', 'Only an admin token (name:token:admin in FACTBOX_TOKENS) may take a box down or lift a takedown.');
  rateLimit(c.env, name);
  const store = new FactBoxStore(c.env.DB, { write: true, timeoutMs: queryTimeout(c.env) });
  c.set('store', store);
  return { actor: name, store };
}

/** Authenticate, rate-limit and open a write session on the primary. */
export async function writer(c: Context<AppEnv>) {
  const { name: author } = await authenticate(c.env, c.req.raw);
  rateLimit(c.env, author);
  const store = new FactBoxStore(c.env.DB, { write: true, timeoutMs: queryTimeout(c.env) });
  // The session middleware hands this session's bookmark to the client.
  c.set('store', store);
  return { author, store };
}

const stale = async (head: Head, message = 'The box has changed since you read it: fetch it again and reapply your edit.') => {
  const etag = await headEtag(head);
  return new ApiError('precondition_failed', message, {
    headers: { etag },
    details: { currentEtag: etag, currentRevision: head.revision },
  });
};

/** Corrections are permanent: a new version must keep every earlier one, unchanged and in order. */
function keepsCorrections(before: readonly Correction[], after: readonly Correction[]): void {
  const problems = before.flatMap((old, i) => {
    const now = after[i];
    return now && now.date === old.date && now.text === old.text
      ? []
      : [{ path: `/corrections/${i}`, message: `correction of ${old.date} is permanent: it cannot be removed or edited` }];
  });
  if (problems.length) throw new ApiError('conflict', 'Corrections are permanent; add new ones after them.', { problems });
}

/** The answer to a successful write: the stored box, its ETag and the D1 bookmark. */
async function written(c: Context<AppEnv>, box: FactBox, status: 200 | 201) {
  const body = JSON.stringify(box);
  const etag = await headEtag({ slug: box.slug, revision: box.revision, body });
  await purgeBox(c, box.slug);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', etag, 'cache-control': CACHE_CONTROL.none };
  if (status === 201) headers.location = `/v1/factboxes/${box.slug}`;
  return new Response(body, { status, headers });
}

async function append(store: FactBoxStore, box: FactBox, head: Head | null, author: string, state: RevisionState = 'live') {
  if (!(await store.append(box, head?.revision ?? 0, author, state))) {
    const now = await store.head(box.slug);
    throw now ? await stale(now) : new ApiError('precondition_failed', 'Another write got there first.');
  }
}

const SERVER_FIELDS = ['slug', 'revision', 'updatedAt'];

function parseBox(data: unknown): FactBoxInput {
  // Editors may send back a box they fetched: the fields the server sets are ignored.
  const input =
    data && typeof data === 'object' && !Array.isArray(data)
      ? Object.fromEntries(Object.entries(data).filter(([k]) => !SERVER_FIELDS.includes(k)))
      : data;
  const result = validateInput(input);
  if (!result.ok) throw new ApiError('invalid_box', `The box has ${result.problems.length} problem(s).`, { problems: result.problems });
  return result.value;
}

const now = () => new Date().toISOString();

/**
 * 413 for a request over the limit, counted as it streams whether or not Content-Length is sent.
 * A box may carry its whole correction history besides its own 256 KB (see sizeProblems).
 */
const limit = bodyLimit({
  maxSize: MAX_REQUEST_BYTES,
  onError: () => {
    throw new ApiError('payload_too_large', `The body is larger than ${MAX_REQUEST_BYTES} bytes.`);
  },
});

const tooLarge = (problems: { path: string; message: string }[]) =>
  new ApiError('payload_too_large', 'The box is over its size limits.', { problems });

/**
 * A new correction is dated on a day that has come, and not before the box existed: a correction
 * of this box cannot predate it. (Corrections a box is created with may be the source's own.)
 */
function checkNewCorrections(corrections: readonly Correction[], from: number, head: Head | null): void {
  const today = now().slice(0, 10);
  const first = head?.firstAt.slice(0, 10);
  const problems = corrections.slice(from).flatMap((c, i) => {
    const path = `/corrections/${from + i}/date`;
    if (c.date > today) return [{ path, message: `must not be in the future (today is ${today})` }];
    if (first && c.date < first) return [{ path, message: `must not be before the box was created (${first})` }];
    return [];
  });
  if (problems.length) throw new ApiError('invalid_box', 'A correction has an impossible date.', { problems });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const write = new Hono<AppEnv>()
  .put('/v1/factboxes/:slug', limit, async (c) => {
    const slug = slugParam(c);
    const { author, store } = await writer(c);
    const input = parseBox(await readJson(c.req.raw));
    const ifMatch = c.req.header('if-match');
    const ifNoneMatch = c.req.header('if-none-match');
    const head = await store.head(slug);

    if (ifNoneMatch?.trim() === '*') {
      // Create, or restore an archived box.
      if (head?.state === 'live')
        throw await stale(head, `A fact box "${slug}" already exists: to change it, send If-Match with its current ETag.`);
    } else if (!ifMatch) {
      throw new ApiError('precondition_required', 'Send If-Match with the ETag you read (or If-None-Match: * to create).');
    } else {
      if (!head) throw new ApiError('not_found', `No fact box "${slug}"; create it with If-None-Match: *.`);
      if (head.state === 'archived') throw new ApiError('gone', `"${slug}" is archived; restore it with If-None-Match: *.`);
      if (!ifMatches(ifMatch, await headEtag(head))) throw await stale(head);
    }
    const sizes = sizeProblems(input);
    if (sizes.length) throw tooLarge(sizes);
    const before = head ? (JSON.parse(head.body) as FactBox).corrections : [];
    if (head) keepsCorrections(before, input.corrections);
    if (head) checkNewCorrections(input.corrections, before.length, head);
    const box: FactBox = { slug, ...input, revision: (head?.revision ?? 0) + 1, updatedAt: now() };
    await append(store, box, head, author);
    return written(c, box, head?.state === 'live' ? 200 : 201);
  })
  .post('/v1/factboxes/:slug/corrections', limit, async (c) => {
    const slug = slugParam(c);
    const { author, store } = await writer(c);
    const result = validateCorrection(await readJson(c.req.raw));
    if (!result.ok) throw new ApiError('invalid_box', 'The correction is not valid.', { problems: result.problems });
    const correction: Correction = { date: result.value.date ?? now().slice(0, 10), text: result.value.text };
    // Appending commutes with other appends, so a lost race is retried on the new head, after a
    // short random pause so that racing writers spread out. Contention is never an outage.
    for (let attempt = 0; attempt < 8; attempt++) {
      const head = await store.head(slug);
      if (!head) throw new ApiError('not_found', `No fact box "${slug}".`);
      if (head.state === 'archived') throw new ApiError('gone', `"${slug}" is archived.`);
      const ifMatch = c.req.header('if-match');
      if (ifMatch && !ifMatches(ifMatch, await headEtag(head))) throw await stale(head);
      const old = JSON.parse(head.body) as FactBox;
      if (old.corrections.length >= LIMITS.corrections)
        throw tooLarge([{ path: '/corrections', message: `this box already holds ${LIMITS.corrections} corrections, the most it can` }]);
      const corrections = [...old.corrections, correction];
      checkNewCorrections(corrections, old.corrections.length, head);
      const sizes = sizeProblems({ ...old, corrections });
      if (sizes.length) throw tooLarge(sizes);
      const box: FactBox = { ...old, corrections, revision: head.revision + 1, updatedAt: now() };
      if (await store.append(box, head.revision, author)) return written(c, box, 201);
      if (ifMatch) throw await stale((await store.head(slug))!);
      await pause(5 + Math.random() * 20 * (attempt + 1));
    }
    throw new ApiError('conflict', 'The box is being changed by others at this moment; try again.', { headers: { 'retry-after': '1' } });
  })
  .delete('/v1/factboxes/:slug', limit, async (c) => {
    const slug = slugParam(c);
    const { author, store } = await writer(c);
    const ifMatch = c.req.header('if-match');
    if (!ifMatch) throw new ApiError('precondition_required', 'Send If-Match with the ETag you read.');
    const head = await store.head(slug);
    if (!head) throw new ApiError('not_found', `No fact box "${slug}".`);
    if (head.state === 'archived') throw new ApiError('gone', `"${slug}" is already archived.`);
    if (!ifMatches(ifMatch, await headEtag(head))) throw await stale(head);
    // Archiving is a revision too: the content is kept, only the state changes.
    const box: FactBox = { ...(JSON.parse(head.body) as FactBox), revision: head.revision + 1, updatedAt: now() };
    await append(store, box, head, author, 'archived');
    await purgeBox(c, slug);
    return new Response(null, { status: 204, headers: { 'cache-control': CACHE_CONTROL.none } });
  })
  // A lawful takedown: every public read of the box and of its revisions answers 451 until an
  // admin lifts it. Nothing is deleted; the takedown and its lifting are recorded.
  .post('/v1/factboxes/:slug/takedown', limit, async (c) => {
    const slug = slugParam(c);
    const { store, actor } = await admin(c);
    const result = validateTakedown(await readJson(c.req.raw));
    if (!result.ok) throw new ApiError('invalid_box', 'The takedown is not valid.', { problems: result.problems });
    const status = await store.status(slug);
    if (!status) throw new ApiError('not_found', `No fact box "${slug}".`);
    if (status.removed) throw new ApiError('conflict', `"${slug}" is already taken down (since ${status.removed.at}).`);
    const at = now();
    await store.recordTakedown(slug, { action: 'takedown', reason: result.value.reason, note: result.value.note, actor, createdAt: at });
    await purgeBox(c, slug);
    return c.json({ slug, removedAt: at, reason: result.value.reason, note: result.value.note }, 201, {
      'cache-control': CACHE_CONTROL.none,
    });
  })
  .delete('/v1/factboxes/:slug/takedown', async (c) => {
    const slug = slugParam(c);
    const { store, actor } = await admin(c);
    const status = await store.status(slug);
    if (!status) throw new ApiError('not_found', `No fact box "${slug}".`);
    if (!status.removed) throw new ApiError('conflict', `"${slug}" is not taken down.`);
    await store.recordTakedown(slug, { action: 'lift', reason: 'lifted', note: '', actor, createdAt: now() });
    await purgeBox(c, slug);
    return new Response(null, { status: 204, headers: { 'cache-control': CACHE_CONTROL.none } });
  });
