// The public changelog of a box: what each revision changed, as JSON (/v1/…/revisions/:n/changes),
// as a page (/f/:slug/history) and as an Atom feed (/f/:slug/history.atom). Nothing stored is ever
// lost: an archived box keeps its history readable; a box under a lawful takedown answers 451.
import { type Context, Hono } from 'hono';
import { CACHE_CONTROL, tagBox } from '../cache';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import {
  atomFeed,
  type Change,
  changes,
  DIFF_VERSION,
  FEED_ENTRIES,
  HISTORY_PAGE,
  type HistoryEntry,
  historyPaths,
  revisionLabel,
} from '../factbox/diff';
import type { FactBox } from '../factbox/schema';
import { Reports } from '../factbox/reports';
import { type FactBoxStore, type Head, refuseRemoved } from '../factbox/store';
import { jsonBody, strongEtag } from '../http';
import { gonePage } from '../pages/box-page';
import { htmlResponse, renderPage } from '../pages/shell';
import { revisionOf, revisionParam, slugParam } from '../params';
import { publisherOf } from '../publisher';

export { atomFeed };

/** Revisions read from D1 at once: enough to be quick, few enough bodies in memory at a time. */
const CHUNK = 10;

const notFound = (slug: string) => new ApiError('not_found', `No fact box "${slug}".`);

/** The head of a box whose history may be read: any box, archived too, except one taken down. */
async function readable(store: FactBoxStore, slug: string): Promise<Head> {
  const head = await store.head(slug);
  if (!head) throw notFound(slug);
  refuseRemoved(head);
  return head;
}

const parse = (head: Head) => JSON.parse(head.body) as FactBox;

/**
 * Revisions `top` down to `top - count + 1` (not below 1), newest first, each with what it
 * changed. Bodies are read CHUNK at a time and only the one before is kept, so a page of large
 * boxes never holds more than a few of them.
 */
export async function loadHistory(store: FactBoxStore, slug: string, top: number, count: number, known?: Head): Promise<HistoryEntry[]> {
  const low = Math.max(1, top - count + 1);
  const read = (n: number) => (known?.revision === n ? Promise.resolve(known) : store.revision(slug, n));
  const out: HistoryEntry[] = [];
  let prev: { box: FactBox; state: Head['state'] } | null =
    low > 1 ? await read(low - 1).then((h) => h && { box: parse(h), state: h.state }) : null;
  for (let from = low; from <= top; from += CHUNK) {
    const ns = Array.from({ length: Math.min(CHUNK, top - from + 1) }, (_, i) => from + i);
    const heads = await Promise.all(ns.map(read));
    for (const head of heads) {
      if (!head) continue;
      const box = parse(head);
      const list = head.revision === 1 || !prev ? changes(null, box) : changes(prev.box, box, { before: prev.state, after: head.state });
      out.push({ revision: head.revision, updatedAt: head.createdAt, author: head.author, state: head.state, changes: list });
      prev = { box, state: head.state };
    }
  }
  return out.reverse();
}

/** If-None-Match names `etag` (or is *): the client's copy is current. */
function clientHas(c: Context<AppEnv>, etag: string): boolean {
  const header = c.req.header('if-none-match');
  return !!header && (header.trim() === '*' || (header.match(/"[^"]*"/g) ?? ([] as string[])).includes(etag));
}

/** 304 before any body is read: feed readers poll with If-None-Match, and most polls find nothing new. */
const notModified = (etag: string) => new Response(null, { status: 304, headers: { etag, 'cache-control': CACHE_CONTROL.history } });

let timeFormat: Intl.DateTimeFormat | undefined;
/** "May 1, 2024 at 12:00 PM UTC" */
function when(iso: string): string {
  timeFormat ??= new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${timeFormat.format(d)} UTC`;
}

const HISTORY_CSS = `html,body{margin:0;padding:0}
body{padding:16px;background:#f6f7f9;font:16px/1.5 system-ui,sans-serif;color:#1b1b1f}
main{max-width:42em;margin:0 auto}a{color:#0b57d0}
h1{font-size:1.5em;line-height:1.25;margin:.25em 0 .5em}h2{font-size:1.125em;margin:0}h3{font-size:1em;margin:.5em 0 0}
.intro,.meta,.pager,.back{font-size:14px;color:#4a505b}.meta{margin:.25em 0}
.notice{border-left:4px solid #6b7280;padding:8px 12px;background:#eceef2}
.revisions{list-style:none;margin:0;padding:0}
.revision{background:#fff;border:1px solid #d5d9e0;border-radius:8px;padding:12px 16px;margin:12px 0}
.revision ul{margin:.25em 0;padding-left:1.25em}
.corrections{border-left:4px solid #b3261e;background:#fdf0ef;border-radius:4px;padding:4px 12px 8px;margin:8px 0}
.corrections h3{color:#8c1d18;margin-top:.25em}
.none{font-style:italic}
.pager{display:flex;gap:16px;justify-content:space-between;margin:16px 0}
@media (prefers-color-scheme:dark){body{background:#0f1115;color:#eceef2}a{color:#9cc0ff}
.intro,.meta,.pager,.back{color:#b6bcc8}.notice{background:#1d2027;border-color:#9aa1ad}
.revision{background:#171a21;border-color:#343a46}.corrections{background:#3a1614;border-color:#f2b8b5}.corrections h3{color:#f2b8b5}}`;

function Revision({ entry, slug }: { entry: HistoryEntry; slug: string }) {
  const paths = historyPaths(slug);
  const corrections = entry.changes.filter((c) => c.kind === 'correction');
  const rest = entry.changes.filter((c) => c.kind !== 'correction');
  const id = `revision-${entry.revision}`;
  const items = (list: Change[]) => (
    <ul>
      {list.map((c) => (
        <li key={c.path + c.text} data-kind={c.kind}>
          {c.text}
        </li>
      ))}
    </ul>
  );
  return (
    <li class="revision" id={id} aria-labelledby={`${id}-h`} data-label={revisionLabel(entry.changes)}>
      <h2 id={`${id}-h`}>Revision {entry.revision}</h2>
      <p class="meta">
        <time dateTime={entry.updatedAt}>{when(entry.updatedAt)}</time>, by {entry.author} ·{' '}
        <a href={paths.revision(entry.revision)} type="application/json">
          this revision
        </a>{' '}
        ·{' '}
        <a href={paths.changes(entry.revision)} type="application/json">
          its changes
        </a>{' '}
        (JSON)
      </p>
      {corrections.length > 0 && (
        <section class="corrections" aria-labelledby={`${id}-c`}>
          <h3 id={`${id}-c`}>{corrections.length > 1 ? 'Corrections' : 'Correction'}</h3>
          {items(corrections)}
        </section>
      )}
      {rest.length > 0 && (
        <section aria-labelledby={`${id}-x`}>
          <h3 id={`${id}-x`}>What changed</h3>
          {items(rest)}
        </section>
      )}
      {entry.changes.length === 0 && <p class="none">No change to what readers see.</p>}
    </li>
  );
}

export const history = new Hono<AppEnv>()
  .get('/v1/factboxes/:slug/revisions/:n/changes', async (c) => {
    const slug = slugParam(c);
    const n = revisionParam(c);
    const store = c.var.store;
    const [status, after, before] = await Promise.all([
      store.status(slug),
      store.revision(slug, n),
      n > 1 ? store.revision(slug, n - 1) : null,
    ]);
    if (!status) throw notFound(slug);
    refuseRemoved(status);
    if (!after) throw new ApiError('not_found', `No revision ${n} of "${slug}".`);
    const list = before ? changes(parse(before), parse(after), { before: before.state, after: after.state }) : changes(null, parse(after));
    const body = JSON.stringify({ slug, revision: n, updatedAt: after.createdAt, author: after.author, changes: list });
    // Two revisions never change, so neither does what lies between them (DIFF_VERSION is in the ETag).
    return tagBox(jsonBody(body, { etag: await strongEtag('changes', DIFF_VERSION, body), cacheControl: CACHE_CONTROL.immutable }), slug);
  })
  .get('/f/:slug/history', async (c) => {
    const slug = slugParam(c);
    const q = c.req.query('before');
    const beforeParam = q === undefined ? null : revisionOf(q, 'before');
    try {
      const head = await readable(c.var.store, slug);
      const top = beforeParam === null ? head.revision : Math.min(head.revision, beforeParam - 1);
      const url = new URL(c.req.url);
      const publisher = publisherOf(c.env, url.origin);
      // Report texts are never public; how many of them led to a fix is.
      const resolved = await new Reports(c.var.store).resolvedCount(slug);
      const etag = await strongEtag('history', DIFF_VERSION, url.origin, slug, head.revision, head.state, top, publisher.name, resolved);
      if (clientHas(c, etag)) return notModified(etag);
      const entries = top >= 1 ? await loadHistory(c.var.store, slug, top, HISTORY_PAGE, head) : [];
      const box = parse(head);
      const paths = historyPaths(slug);
      const oldest = entries[entries.length - 1]?.revision ?? 1;
      const newer = top < head.revision ? Math.min(head.revision + 1, top + HISTORY_PAGE + 1) : null;
      const feedTitle = `Changes to “${box.title}”`;
      const page = await renderPage({
        lang: 'en',
        slug,
        css: HISTORY_CSS,
        head: (
          <>
            <title>{`History: ${box.title} · ${publisher.name}`}</title>
            <meta name="description" content={`Every change to the fact box “${box.title}”, newest first, with its corrections.`} />
            <link rel="alternate" type="application/atom+xml" title={feedTitle} href={paths.feed} />
            {beforeParam === null && <link rel="canonical" href={`${url.origin}${paths.page}`} />}
          </>
        ),
        body: (
          <main>
            <p class="back">
              <a href={paths.box}>Back to the fact box</a>
            </p>
            <h1>
              History of “<span lang={box.lang}>{box.title}</span>”
            </h1>
            <p class="intro">
              Every change to this fact box, newest first, from {publisher.name}. Nothing stored is ever lost: each revision is kept as it
              was, and corrections are never removed.{' '}
              <a href={paths.feed} type="application/atom+xml">
                Follow the changes (Atom feed)
              </a>
              .
            </p>
            <p class="intro" id="reports">
              {resolved === 0
                ? 'No error report from readers has been resolved yet.'
                : `${resolved} error ${resolved === 1 ? 'report' : 'reports'} from readers ${resolved === 1 ? 'has' : 'have'} been resolved.`}
            </p>
            {head.state === 'archived' && (
              <p class="notice">This fact box has been archived: it is no longer shown, but its history is kept.</p>
            )}
            {entries.length > 0 ? (
              <ol class="revisions" aria-label="Revisions, newest first">
                {entries.map((e) => (
                  <Revision key={e.revision} entry={e} slug={slug} />
                ))}
              </ol>
            ) : (
              <p>No revisions here.</p>
            )}
            {(newer !== null || oldest > 1) && (
              <nav class="pager" aria-label="More revisions">
                {newer !== null ? (
                  <a rel="prev" href={newer > head.revision ? paths.page : `${paths.page}?before=${newer}`}>
                    Newer revisions
                  </a>
                ) : (
                  <span />
                )}
                {oldest > 1 && (
                  <a rel="next" href={`${paths.page}?before=${oldest}`}>
                    Older revisions
                  </a>
                )}
              </nav>
            )}
          </main>
        ),
        frameAncestors: "'none'",
      });
      // Not kept by the Worker (it changes with every write); tagged, so a write's purge reaches the edge's copy.
      return tagBox(htmlResponse(page, { etag, cacheControl: CACHE_CONTROL.history, framable: false }), slug);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 451)) return gonePage(err, slug, { framed: false });
      throw err;
    }
  })
  .get('/f/:slug/history.atom', async (c) => {
    const slug = slugParam(c);
    const head = await readable(c.var.store, slug);
    const origin = new URL(c.req.url).origin;
    const publisher = publisherOf(c.env, origin);
    const etag = await strongEtag('history.atom', DIFF_VERSION, origin, slug, head.revision, publisher.name, publisher.url);
    if (clientHas(c, etag)) return notModified(etag);
    const box = parse(head);
    const entries = await loadHistory(c.var.store, slug, head.revision, FEED_ENTRIES, head);
    const xml = atomFeed({ origin, slug, title: box.title, publisher, entries });
    return tagBox(
      new Response(xml, {
        headers: {
          'content-type': 'application/atom+xml; charset=utf-8',
          etag,
          'cache-control': CACHE_CONTROL.history,
          // Browsers that show the XML run nothing from it.
          'content-security-policy': "default-src 'none'; sandbox",
        },
      }),
      slug,
    );
  });
