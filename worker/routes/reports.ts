// Readers' error reports. POST is the one public write of the API: CORS-open (worker/index.ts),
// from any page and from sandboxed frames (Origin: null), limited per client and per box
// (worker/factbox/reports.ts). Reading and handling reports takes an editor's token. Nothing of a
// report is ever part of a public response; only the count of resolved ones is (the history page).
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authenticate } from '../auth';
import { readJson } from '../body';
import { CACHE_CONTROL, purgeBox } from '../cache';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { decodeReportCursor, refusal, type ReportStatus, Reports, reportLimits, resolves } from '../factbox/reports';
import { REPORT_BODY_BYTES, REPORT_STATUSES, validateReport, validateReportUpdate, type FactBox, type Problem } from '../factbox/schema';
import { REPORTS_DEFAULT, REPORTS_MAX } from '../factbox/cursor';
import { FactBoxStore } from '../factbox/store';
import { json } from '../http';
import { queryTimeout } from '../middleware';
import { intParam, slugParam } from '../params';
import { writer } from './write';

/** The path of the one route CORS lets any origin POST to. */
export const REPORTS_PATH = /^\/v1\/factboxes\/[^/]+\/reports$/;

const limit = bodyLimit({
  maxSize: REPORT_BODY_BYTES,
  onError: () => {
    throw new ApiError('payload_too_large', `A report is at most ${REPORT_BODY_BYTES / 1024} KB.`);
  },
});

const invalid = (problems: Problem[]) => new ApiError('invalid_report', `The report has ${problems.length} problem(s).`, { problems });
const noStore = { cacheControl: CACHE_CONTROL.none };
const accepted = (id: string) => json({ id }, { status: 202, ...noStore });

/** A report's :id is a UUID; anything else names no report. */
function idParam(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new ApiError('not_found', 'No such report.');
  return id;
}

/** The box a report belongs to, in any state (editors handle reports of archived boxes too). */
async function boxOf(store: FactBoxStore, slug: string) {
  const head = await store.head(slug);
  if (!head) throw new ApiError('not_found', `No fact box "${slug}".`);
  return head;
}

export const reports = new Hono<AppEnv>()
  .post('/v1/factboxes/:slug/reports', limit, async (c) => {
    const slug = slugParam(c);
    const data = await readJson(c.req.raw);
    // On the primary: the limit counts what was written a moment ago, in any location.
    const store = new FactBoxStore(c.env.DB, { write: true, timeoutMs: queryTimeout(c.env) });
    const head = await store.live(slug);
    const body = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
    // A filled honeypot gets the answer a person gets, so a robot learns nothing; nothing is stored.
    if (typeof body?.website === 'string' && body.website.trim() !== '') return accepted(crypto.randomUUID());
    // An empty address is no address (a form sends what its field holds).
    if (typeof body?.contact === 'string' && body.contact.trim() === '') delete body.contact;
    const result = validateReport(body ?? data);
    if (!result.ok) throw invalid(result.problems);
    const r = result.value;
    const seen = await store.at(head, r.revision);
    if (!seen)
      throw invalid([{ path: '/revision', message: `there is no revision ${r.revision} of this box (the latest is ${head.revision})` }]);
    if (!resolves(JSON.parse(seen.body), r.target))
      throw invalid([{ path: '/target', message: `names nothing in revision ${r.revision} of this box` }]);
    const now = Date.now();
    const rep = new Reports(store);
    const clients = await rep.clientHashes(c.req.raw, now);
    const done = await rep.submit(
      { slug, target: r.target, revision: r.revision, text: r.text, contact: r.contact ?? null },
      clients,
      reportLimits(c.env),
      now,
    );
    // Forgetting old salts and hashes need not hold up the reader.
    const forget = rep
      .forget(now)
      .catch((err) => console.error('reports: forget failed', err instanceof Error ? err.message : String(err)));
    try {
      c.executionCtx.waitUntil(forget);
    } catch {
      await forget; // called without an execution context (tests calling app.request)
    }
    if (!done.ok) throw refusal(done);
    return accepted(done.id);
  })
  .get('/v1/factboxes/:slug/reports', async (c) => {
    const slug = slugParam(c);
    await authenticate(c.env, c.req.raw);
    const status = (c.req.query('status') ?? 'open') as ReportStatus;
    if (!REPORT_STATUSES.includes(status)) throw new ApiError('bad_request', `status must be one of ${REPORT_STATUSES.join(', ')}.`);
    const n = intParam(c.req.query('limit'), REPORTS_DEFAULT, 1, REPORTS_MAX, 'limit');
    const cursor = c.req.query('cursor');
    const after = cursor === undefined ? null : decodeReportCursor(cursor);
    if (cursor !== undefined && after === null) throw new ApiError('bad_request', 'cursor is not one this API gave.');
    // The primary: an editor who just closed a report must not see it in the open list again.
    const store = new FactBoxStore(c.env.DB, { write: true, timeoutMs: queryTimeout(c.env) });
    await boxOf(store, slug);
    const page = await new Reports(store).list(slug, status, n, after);
    return json({ slug, status, items: page.items, next: page.next }, noStore);
  })
  .patch('/v1/factboxes/:slug/reports/:id', limit, async (c) => {
    const slug = slugParam(c);
    const id = idParam(c);
    const { author, store } = await writer(c);
    const result = validateReportUpdate(await readJson(c.req.raw));
    if (!result.ok) throw invalid(result.problems);
    const u = result.value;
    const head = await boxOf(store, slug);
    const rep = new Reports(store);
    const before = await rep.get(slug, id);
    if (!before) throw new ApiError('not_found', `No report ${id} on "${slug}".`);
    if (u.correction !== undefined) {
      // Corrections are permanent and only ever appended, so an index names one correction for good.
      const count = (JSON.parse(head.body) as FactBox).corrections.length;
      if (u.status !== 'resolved')
        throw invalid([{ path: '/correction', message: 'only a resolved report names the correction that resolved it' }]);
      if (u.correction >= count)
        throw invalid([{ path: '/correction', message: `there is no correction ${u.correction} in this box (it has ${count})` }]);
    }
    const after = await rep.update(
      slug,
      id,
      { status: u.status, note: u.note, correction: u.correction ?? null, actor: author },
      Date.now(),
    );
    // The history page shows how many reports were resolved: a change of that count purges it.
    if ((before.status === 'resolved') !== (u.status === 'resolved')) await purgeBox(c, slug);
    return json(after, noStore);
  });
