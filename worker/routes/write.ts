// The authoring API: create, update, correct, archive and restore fact boxes. Every write is one
// new revision row, conditional on the revision it was based on (ETags), so two editors can never
// silently overwrite each other, and nothing stored is ever lost.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authenticate, rateLimit } from '../auth';
import { readJson } from '../body';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { validateCorrection, validateInput, type Correction, type FactBox, type FactBoxInput } from '../factbox/schema';
import { CACHE_CONTROL, purgeBox } from '../cache';
import { LIMITS } from '../factbox/schema';
import { FactBoxStore, type Head } from '../factbox/store';
import { headEtag, ifMatches } from '../http';
import { queryTimeout } from '../middleware';
import { slugParam } from '../params';

/** Authenticate, rate-limit and open a write session on the primary. */
async function writer(c: Context<AppEnv>) {
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
  await purgeBox(new URL(c.req.url).origin, box.slug);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', etag, 'cache-control': CACHE_CONTROL.none };
  if (status === 201) headers.location = `/v1/factboxes/${box.slug}`;
  return new Response(body, { status, headers });
}

async function append(store: FactBoxStore, box: FactBox, head: Head | null, author: string, state: 'live' | 'archived' = 'live') {
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
  if (!result.ok)
    throw new ApiError('invalid_box', `The box has ${result.problems.length} problem(s).`, { problems: result.problems });
  return result.value;
}

const now = () => new Date().toISOString();

/** 413 for a body over the limit, counted as it streams whether or not Content-Length is sent. */
const limit = bodyLimit({
  maxSize: LIMITS.body,
  onError: () => {
    throw new ApiError('payload_too_large', `The body is larger than ${LIMITS.body} bytes.`);
  },
});

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
    if (head) keepsCorrections((JSON.parse(head.body) as FactBox).corrections, input.corrections);
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
    // Appending commutes with other appends, so a lost race is retried on the new head.
    for (let attempt = 0; attempt < 3; attempt++) {
      const head = await store.head(slug);
      if (!head) throw new ApiError('not_found', `No fact box "${slug}".`);
      if (head.state === 'archived') throw new ApiError('gone', `"${slug}" is archived.`);
      const ifMatch = c.req.header('if-match');
      if (ifMatch && !ifMatches(ifMatch, await headEtag(head))) throw await stale(head);
      const old = JSON.parse(head.body) as FactBox;
      const box: FactBox = { ...old, corrections: [...old.corrections, correction], revision: head.revision + 1, updatedAt: now() };
      if (await store.append(box, head.revision, author)) return written(c, box, 201);
      if (ifMatch) throw await stale((await store.head(slug))!);
    }
    throw new ApiError('unavailable', 'The box is being changed by others; try again.', { headers: { 'retry-after': '1' } });
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
    await purgeBox(new URL(c.req.url).origin, slug);
    return new Response(null, { status: 204, headers: { 'cache-control': CACHE_CONTROL.none } });
  });
