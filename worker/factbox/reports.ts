// Readers' error reports: what is stored (migration 0004), the per-client limit and the cap,
// the rotating client hash, and the editors' list and updates. Routes call this; no SQL elsewhere.
//
// Why D1 for the limit, not Cloudflare's Rate Limiting binding: the binding counts per location
// and only over a period of 10 or 60 seconds, and it cannot say when a client may try again. A
// limit of a few reports an hour per box must hold across every isolate and location, and it must
// answer Retry-After: one conditional INSERT on the D1 primary counts and inserts at once, so two
// requests racing each other cannot both slip under the limit.
import { clientKey } from '../auth';
import { ApiError } from '../errors';
import type { FactBoxStore } from './store';

export type ReportStatus = 'open' | 'resolved' | 'rejected';

/** What an editor sees of a report. `contact` is null once the report is closed. */
export interface Report {
  id: string;
  slug: string;
  target: string;
  revision: number;
  text: string;
  contact: string | null;
  status: ReportStatus;
  note: string | null;
  correction: number | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface ReportLimits {
  /** Reports one client may send about one box in WINDOW_MS. */
  perClient: number;
  /** Open reports a box may hold; beyond it, readers are asked to come back later. */
  openMax: number;
}

/** The per-client window: an hour. */
export const WINDOW_MS = 60 * 60_000;

/**
 * 5 an hour: a reader who finds several wrong figures in one box can report each, and someone
 * who pastes the same complaint in a loop is stopped at once. 100 open: a box with that many
 * unanswered reports has an editor problem more reports will not solve, and the cap bounds what a
 * flood from many addresses can store. Both can be changed in wrangler.toml [vars].
 */
export function reportLimits(env: Env): ReportLimits {
  const n = (v: string | undefined, d: number) => {
    const x = Number(v);
    return Number.isInteger(x) && x > 0 ? x : d;
  };
  return { perClient: n(env.FACTBOX_REPORTS_PER_HOUR, 5), openMax: n(env.FACTBOX_OPEN_REPORTS_MAX, 100) };
}

/** True when `pointer` (RFC 6901) names a value in `doc`: "" names the whole document. */
export function resolves(doc: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  if (!pointer.startsWith('/')) return false;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    if (/~(?![01])/.test(raw)) return false;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d{0,5})$/.test(key) || Number(key) >= node.length) return false;
      node = node[Number(key)];
    } else if (node !== null && typeof node === 'object' && Object.hasOwn(node, key)) {
      node = (node as Record<string, unknown>)[key];
    } else return false;
  }
  return true;
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const b64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** HMAC keys of the days in use, per isolate: at most today's and yesterday's. */
const keys = new Map<string, Promise<CryptoKey>>();

/** A report as editors see it: never the client hash. */
const REPORT_SELECT = `SELECT id, slug, target, revision, text, contact, status, note, correction,
  created_at AS createdAt, closed_at AS closedAt, closed_by AS closedBy FROM reports`;

/** The list's cursor: the last report of a page (its time and id), opaque to clients. */
export const encodeReportCursor = (r: Pick<Report, 'createdAt' | 'id'>) =>
  b64url(new TextEncoder().encode(`${r.createdAt}|${r.id}`).buffer);
export function decodeReportCursor(cursor: string): { createdAt: string; id: string } | null {
  try {
    const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\|([0-9a-f-]{36})$/.exec(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    return m ? { createdAt: m[1]!, id: m[2]! } : null;
  } catch {
    return null;
  }
}

export type Submitted = { ok: true; id: string } | { ok: false; retryAfter: number; reason: 'client' | 'cap' };

export class Reports {
  constructor(private readonly store: FactBoxStore) {}

  /** The salt of a UTC day, made once by whichever request needs it first. */
  private salt(day: string): Promise<CryptoKey> {
    let key = keys.get(day);
    if (!key) {
      key = (async () => {
        const fresh = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
        const row = await this.store.run(async (db) => {
          await db.prepare('INSERT OR IGNORE INTO report_salts (day, salt) VALUES (?, ?)').bind(day, fresh).run();
          return db.prepare('SELECT salt FROM report_salts WHERE day = ?').bind(day).first<{ salt: string }>();
        });
        const raw = Uint8Array.from(atob(row!.salt), (ch) => ch.charCodeAt(0));
        return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      })();
      key.catch(() => keys.delete(day));
      keys.set(day, key);
    }
    return key;
  }

  /**
   * The client's hashes that count for the window ending now: under today's salt (stored with
   * a new report) and, in the first hour of a day, under yesterday's, so the limit holds across
   * midnight. The address (an IPv6 one by its /64, as auth.ts counts) is hashed and forgotten.
   */
  async clientHashes(req: Request, now: number): Promise<string[]> {
    const days = [...new Set([utcDay(now), utcDay(now - WINDOW_MS)])];
    for (const d of keys.keys()) if (!days.includes(d)) keys.delete(d);
    const address = new TextEncoder().encode(clientKey(req));
    return Promise.all(days.map(async (d) => b64url((await crypto.subtle.sign('HMAC', await this.salt(d), address)).slice(0, 16))));
  }

  /**
   * Forgets what the rate limit no longer needs: salts of days the window cannot reach (an hour
   * after their day ends) and the client hash of reports older than the window. Run on every
   * report and by the hourly cron (worker/index.ts), so nothing waits for the next report.
   */
  async forget(now: number): Promise<void> {
    const cutoff = new Date(now - WINDOW_MS).toISOString();
    await this.store.run((db) =>
      db.batch([
        db.prepare('DELETE FROM report_salts WHERE day < ?').bind(utcDay(now - WINDOW_MS)),
        db.prepare("UPDATE reports SET client = '' WHERE client <> '' AND created_at < ?").bind(cutoff),
      ]),
    );
  }

  /**
   * Stores a report unless the client has sent `perClient` about this box in the last hour or
   * the box holds `openMax` open reports: one statement, so the count and the insert are atomic.
   */
  async submit(
    r: { slug: string; target: string; revision: number; text: string; contact: string | null },
    clients: string[],
    limits: ReportLimits,
    now: number,
  ): Promise<Submitted> {
    const id = crypto.randomUUID();
    const at = new Date(now).toISOString();
    const since = new Date(now - WINDOW_MS).toISOString();
    const [c1, c2 = c1] = clients;
    const inserted = await this.store.run(async (db) => {
      const res = await db
        .prepare(
          `INSERT INTO reports (id, slug, target, revision, text, contact, client, status, created_at)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8
           WHERE (SELECT COUNT(*) FROM reports WHERE slug = ?2 AND client IN (?7, ?9) AND created_at > ?10) < ?11
             AND (SELECT COUNT(*) FROM reports WHERE slug = ?2 AND status = 'open') < ?12`,
        )
        .bind(id, r.slug, r.target, r.revision, r.text, r.contact, c1, at, c2, since, limits.perClient, limits.openMax)
        .run();
      return res.meta.changes > 0;
    });
    if (inserted) return { ok: true, id };
    // Refused: say which limit, and when the client's window frees a place.
    const oldest = await this.store.run((db) =>
      db
        .prepare(
          `SELECT MIN(created_at) AS first, COUNT(*) AS n FROM (SELECT created_at FROM reports
             WHERE slug = ?1 AND client IN (?2, ?3) AND created_at > ?4 ORDER BY created_at DESC LIMIT ?5)`,
        )
        .bind(r.slug, c1, c2, since, limits.perClient)
        .first<{ first: string | null; n: number }>(),
    );
    if (oldest?.first && oldest.n >= limits.perClient)
      return { ok: false, reason: 'client', retryAfter: Math.max(1, Math.ceil((Date.parse(oldest.first) + WINDOW_MS - now) / 1000)) };
    return { ok: false, reason: 'cap', retryAfter: 3600 };
  }

  /** A box's reports of one status, newest first, keyset-paginated on (created_at, id). */
  async list(slug: string, status: ReportStatus, limit: number, after: { createdAt: string; id: string } | null) {
    const { results } = await this.store.run((db) =>
      db
        .prepare(
          `${REPORT_SELECT} WHERE slug = ?1 AND status = ?2
             AND (?3 IS NULL OR created_at < ?3 OR (created_at = ?3 AND id < ?4))
           ORDER BY created_at DESC, id DESC LIMIT ?5`,
        )
        .bind(slug, status, after?.createdAt ?? null, after?.id ?? '', limit + 1)
        .all<Report>(),
    );
    const page = results.slice(0, limit);
    return { items: page, next: results.length > limit ? encodeReportCursor(page[page.length - 1]!) : null };
  }

  async get(slug: string, id: string): Promise<Report | null> {
    return this.store.run((db) => db.prepare(`${REPORT_SELECT} WHERE slug = ? AND id = ?`).bind(slug, id).first<Report>());
  }

  /**
   * Sets a report's status. Closing it (resolved, rejected) deletes the reader's address: it was
   * only kept to answer them. Reopening keeps the note and forgets when and by whom it was closed.
   */
  async update(slug: string, id: string, u: { status: ReportStatus; note: string; correction: number | null; actor: string }, now: number) {
    const open = u.status === 'open';
    await this.store.run((db) =>
      db
        .prepare(
          `UPDATE reports SET status = ?3, note = ?4, correction = ?5,
             contact = CASE WHEN ?3 = 'open' THEN contact END, closed_at = ?6, closed_by = ?7
           WHERE slug = ?1 AND id = ?2`,
        )
        .bind(slug, id, u.status, u.note, u.correction, open ? null : new Date(now).toISOString(), open ? null : u.actor)
        .run(),
    );
    return this.get(slug, id);
  }

  /** The public count: how many readers' reports on this box led to a fix. */
  async resolvedCount(slug: string): Promise<number> {
    const row = await this.store.run((db) =>
      db.prepare("SELECT COUNT(*) AS n FROM reports WHERE slug = ? AND status = 'resolved'").bind(slug).first<{ n: number }>(),
    );
    return row?.n ?? 0;
  }
}

/** 429 for a refused report, with when to try again. */
export function refusal(s: Extract<Submitted, { ok: false }>): ApiError {
  const message =
    s.reason === 'client'
      ? 'You have sent several reports about this box in the last hour; please try again later.'
      : 'This box has many reports waiting for its editors; please try again later.';
  return new ApiError('rate_limited', message, { headers: { 'retry-after': String(s.retryAfter) } });
}
