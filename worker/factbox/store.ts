// D1 access for fact boxes. Routes never write SQL: they call this class.
// Storage is append-only: every write inserts one revision row, in a single statement,
// conditional on the head it was based on, so concurrent writers cannot both win.
import { ApiError, StorageError } from '../errors';
import { encodeCursor } from './cursor';
import type { FactBox } from './schema';

/** A revision is live, or archives the box (reads answer 410). */
export type RevisionState = 'live' | 'archived';

export interface Head {
  slug: string;
  revision: number;
  state: RevisionState;
  body: string;
  author: string;
  createdAt: string;
  /** Set while a lawful takedown is in force: when, and the public note. */
  removed?: { at: string; note: string };
  /** When revision 1 of the box was written. */
  firstAt: string;
}

export interface Takedown {
  seq: number;
  action: 'takedown' | 'lift';
  reason: string;
  note: string;
  actor: string;
  createdAt: string;
}

export interface RevisionInfo {
  revision: number;
  updatedAt: string;
  author: string;
  state: RevisionState;
}

export interface ListItem {
  slug: string;
  title: string;
  revision: number;
  updatedAt: string;
}

interface Row {
  slug: string;
  revision: number;
  state: RevisionState;
  body: string;
  author: string;
  created_at: string;
  removed_at: string | null;
  removed_note: string | null;
  first_at: string;
}

const toHead = (r: Row): Head => ({
  slug: r.slug,
  revision: r.revision,
  state: r.state,
  body: r.body,
  author: r.author,
  createdAt: r.created_at,
  firstAt: r.first_at,
  ...(r.removed_at ? { removed: { at: r.removed_at, note: r.removed_note ?? '' } } : {}),
});

/** The list query, exported so that a test can prove its plan (EXPLAIN QUERY PLAN). */
export const LIST_SQL = `SELECT slug, title, revision, updated_at AS created_at FROM heads
  WHERE slug > ?1 AND state = 'live' AND removed_at IS NULL ORDER BY slug LIMIT ?2`;

/** A revision row with its box's takedown state (heads holds it; migration 0003). */
const REVISION_SELECT = `SELECT r.slug, r.revision, r.state, r.body, r.author, r.created_at, h.removed_at, h.removed_note, h.created_at AS first_at
  FROM revisions r JOIN heads h ON h.slug = r.slug`;

/** Long enough for a cold D1 query, short enough that a hung one does not hold the request. */
/** The box seeded by migration 0002, which the builder shows first. */
export const DEFAULT_SLUG = 'north-korea-defections';

export const QUERY_TIMEOUT_MS = 5000;

export class FactBoxStore {
  private session: D1Database | D1DatabaseSession | null = null;

  /**
   * @param mode.bookmark a D1 Sessions bookmark from a client's earlier write (X-D1-Bookmark):
   *   reads in this session then see at least that write, even on a read replica.
   * The session is opened on first use, so a request served from cache never touches D1.
   */
  constructor(
    private readonly binding: D1Database,
    private readonly mode: { write?: boolean; bookmark?: string | null; timeoutMs?: number } = {},
  ) {}

  /**
   * Runs one D1 call with a deadline; any failure becomes a StorageError. Public for the other
   * tables' modules (worker/factbox/reports.ts), which share this session and its deadline.
   */
  async run<T>(query: (db: D1Database | D1DatabaseSession) => Promise<T>): Promise<T> {
    const db = this.db;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StorageError('D1 did not answer in time')), this.mode.timeoutMs ?? QUERY_TIMEOUT_MS);
    });
    try {
      return await Promise.race([query(db), deadline]);
    } catch (err) {
      if (err instanceof StorageError || err instanceof ApiError) throw err;
      throw new StorageError(err instanceof Error ? err.message : String(err));
    } finally {
      clearTimeout(timer);
    }
  }

  private get db(): D1Database | D1DatabaseSession {
    if (!this.session) {
      const { binding, mode } = this;
      // withSession is the Sessions API; it routes reads to replicas when replication is on.
      try {
        this.session =
          typeof binding.withSession === 'function'
            ? binding.withSession(mode.write ? 'first-primary' : (mode.bookmark ?? 'first-unconstrained'))
            : binding;
      } catch (err) {
        // A client-supplied bookmark that D1 cannot parse is the client's mistake.
        if (mode.bookmark) throw new ApiError('bad_request', 'X-D1-Bookmark is not a bookmark this API gave.');
        throw new StorageError(String(err));
      }
    }
    return this.session;
  }

  bookmark(): string | null {
    return this.session && 'getBookmark' in this.session ? this.session.getBookmark() : null;
  }

  async head(slug: string): Promise<Head | null> {
    const row = await this.run((db) =>
      db.prepare(`${REVISION_SELECT} AND r.revision = h.revision WHERE h.slug = ?`).bind(slug).first<Row>(),
    );
    return row ? toHead(row) : null;
  }

  /** The heads of several boxes in one query, by slug; a slug with no box is absent. */
  async heads(slugs: string[]): Promise<Map<string, Head>> {
    const marks = slugs.map(() => '?').join(',');
    const { results } = await this.run((db) =>
      db
        .prepare(`${REVISION_SELECT} AND r.revision = h.revision WHERE h.slug IN (${marks})`)
        .bind(...slugs)
        .all<Row>(),
    );
    return new Map(results.map((r) => [r.slug, toHead(r)]));
  }

  /** The current head of a live box, or the right 404 / 410 / 451. */
  async live(slug: string): Promise<Head> {
    return liveOrRefuse(slug, await this.head(slug));
  }

  /** Revision `n` of the box whose head is `head`: the head itself when it is that revision (no query). */
  async at(head: Head, n: number): Promise<Head | null> {
    return n === head.revision ? head : this.revision(head.slug, n);
  }

  async revision(slug: string, revision: number): Promise<Head | null> {
    const row = await this.run((db) =>
      db.prepare(`${REVISION_SELECT} WHERE r.slug = ? AND r.revision = ?`).bind(slug, revision).first<Row>(),
    );
    return row ? toHead(row) : null;
  }

  /** A page of a box's history, oldest first, after revision `after`; `next` is the last one given when there are more. */
  async revisions(slug: string, limit: number, after = 0): Promise<{ items: RevisionInfo[]; next: number | null }> {
    const { results } = await this.run((db) =>
      db
        .prepare('SELECT revision, created_at, author, state FROM revisions WHERE slug = ? AND revision > ? ORDER BY revision LIMIT ?')
        .bind(slug, after, limit + 1)
        .all<{ revision: number; created_at: string; author: string; state: RevisionState }>(),
    );
    const page = results.slice(0, limit);
    return {
      items: page.map((r) => ({ revision: r.revision, updatedAt: r.created_at, author: r.author, state: r.state })),
      next: results.length > limit ? page[page.length - 1]!.revision : null,
    };
  }

  /** The head row of a box without its body: its takedown state, for reads that do not need the box. */
  async status(slug: string): Promise<{ revision: number; removed?: { at: string; note: string } } | null> {
    const row = await this.run((db) =>
      db
        .prepare('SELECT revision, removed_at, removed_note FROM heads WHERE slug = ?')
        .bind(slug)
        .first<{ revision: number; removed_at: string | null; removed_note: string | null }>(),
    );
    if (!row) return null;
    return { revision: row.revision, ...(row.removed_at ? { removed: { at: row.removed_at, note: row.removed_note ?? '' } } : {}) };
  }

  /** Records a takedown or its lifting; one row, never deleted. */
  /**
   * Records a takedown or its lifting; one row, never deleted. It goes in only if it changes the
   * state (a takedown of a box that is up, a lifting of one that is down), in one statement, so
   * two admins at the same moment cannot both succeed: the other is told (409).
   */
  async recordTakedown(slug: string, t: Omit<Takedown, 'seq'>): Promise<void> {
    const changed = await this.run(async (db) => {
      try {
        const result = await db
          .prepare(
            `INSERT INTO takedowns (slug, seq, action, reason, note, actor, created_at)
             SELECT ?1, COALESCE((SELECT MAX(seq) FROM takedowns WHERE slug = ?1), 0) + 1, ?2, ?3, ?4, ?5, ?6
             WHERE COALESCE((SELECT action FROM takedowns WHERE slug = ?1 ORDER BY seq DESC LIMIT 1), 'lift') <> ?2`,
          )
          .bind(slug, t.action, t.reason, t.note, t.actor, t.createdAt)
          .run();
        return result.meta.changes > 0;
      } catch (err) {
        if (String(err).includes('UNIQUE constraint failed')) return false;
        throw err;
      }
    });
    if (!changed)
      throw new ApiError(
        'conflict',
        `"${slug}" is ${t.action === 'takedown' ? 'already taken down' : 'not taken down'}; someone else changed it just now.`,
      );
  }

  /**
   * Live boxes in slug order, keyset-paginated over `heads` (one row per box, by its primary
   * key), so a page costs the same however many boxes and revisions exist.
   */
  async list(limit: number, after: string | null): Promise<{ items: ListItem[]; next: string | null }> {
    const { results } = await this.run((db) =>
      db
        .prepare(LIST_SQL)
        .bind(after ?? '', limit + 1)
        .all<{ slug: string; title: string; revision: number; created_at: string }>(),
    );
    const page = results.slice(0, limit);
    return {
      items: page.map((r) => ({ slug: r.slug, title: r.title, revision: r.revision, updatedAt: r.created_at })),
      next: results.length > limit ? encodeCursor(page[page.length - 1]!.slug) : null,
    };
  }

  /**
   * Append revision `box.revision` of `box.slug`, but only if the current head is still
   * `expected` (0: no row yet). One INSERT ... SELECT ... WHERE: atomic in D1, and the
   * primary key (slug, revision) makes a lost race fail rather than overwrite.
   * @returns false when another write got there first.
   */
  async append(box: FactBox, expected: number, author: string, state: RevisionState = 'live'): Promise<boolean> {
    const body = JSON.stringify(box);
    return this.run(async (db) => {
      try {
        const result = await db
          .prepare(
            `INSERT INTO revisions (slug, revision, state, body, title, author, created_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
             WHERE COALESCE((SELECT MAX(revision) FROM revisions WHERE slug = ?1), 0) = ?8`,
          )
          .bind(box.slug, box.revision, state, body, box.title, author, box.updatedAt, expected)
          .run();
        // The trigger that keeps `heads` counts its own change: any change means the row went in.
        return result.meta.changes > 0;
      } catch (err) {
        if (String(err).includes('UNIQUE constraint failed')) return false;
        throw err;
      }
    });
  }
}

/** `head` if it is a live box, or the right 404 / 410 / 451 for `slug`. */
export function liveOrRefuse(slug: string, head: Head | null | undefined): Head {
  if (!head) throw new ApiError('not_found', `No fact box "${slug}".`);
  refuseRemoved(head);
  if (head.state === 'archived') throw new ApiError('gone', `The fact box "${slug}" has been archived.`);
  return head;
}

/** 451 for a box under a lawful takedown, on every public read of it or of its revisions. */
export function refuseRemoved(head: { removed?: { at: string; note: string } }): void {
  if (head.removed)
    throw new ApiError('unavailable_for_legal_reasons', 'This fact box has been removed for legal reasons.', {
      details: { removedAt: head.removed.at, note: head.removed.note },
    });
}
