// D1 access for fact boxes. Routes never write SQL: they call this class.
// Storage is append-only: every write inserts one revision row, in a single statement,
// conditional on the head it was based on, so concurrent writers cannot both win.
import { ApiError, StorageError } from '../errors';
import { encodeCursor } from './cursor';
import type { FactBox } from './schema';

export interface Head {
  slug: string;
  revision: number;
  state: 'live' | 'archived';
  body: string;
  author: string;
  createdAt: string;
}

export interface RevisionInfo {
  revision: number;
  updatedAt: string;
  author: string;
  state: 'live' | 'archived';
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
  state: 'live' | 'archived';
  body: string;
  author: string;
  created_at: string;
}

const toHead = (r: Row): Head => ({
  slug: r.slug,
  revision: r.revision,
  state: r.state,
  body: r.body,
  author: r.author,
  createdAt: r.created_at,
});

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

  /** Runs one D1 call with a deadline; any failure becomes a StorageError. */
  private async run<T>(query: (db: D1Database | D1DatabaseSession) => Promise<T>): Promise<T> {
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
      db
        .prepare('SELECT slug, revision, state, body, author, created_at FROM revisions WHERE slug = ? ORDER BY revision DESC LIMIT 1')
        .bind(slug)
        .first<Row>(),
    );
    return row ? toHead(row) : null;
  }

  /** The current head of a live box, or the right 404 / 410. */
  async live(slug: string): Promise<Head> {
    const head = await this.head(slug);
    if (!head) throw new ApiError('not_found', `No fact box "${slug}".`);
    if (head.state === 'archived') throw new ApiError('gone', `The fact box "${slug}" has been archived.`);
    return head;
  }

  async revision(slug: string, revision: number): Promise<Head | null> {
    const row = await this.run((db) =>
      db
        .prepare('SELECT slug, revision, state, body, author, created_at FROM revisions WHERE slug = ? AND revision = ?')
        .bind(slug, revision)
        .first<Row>(),
    );
    return row ? toHead(row) : null;
  }

  async revisions(slug: string): Promise<RevisionInfo[]> {
    const { results } = await this.run((db) =>
      db
        .prepare('SELECT revision, created_at, author, state FROM revisions WHERE slug = ? ORDER BY revision')
        .bind(slug)
        .all<{ revision: number; created_at: string; author: string; state: 'live' | 'archived' }>(),
    );
    return results.map((r) => ({ revision: r.revision, updatedAt: r.created_at, author: r.author, state: r.state }));
  }

  /** Live boxes in slug order, keyset-paginated so a page costs the same however many boxes exist. */
  async list(limit: number, after: string | null): Promise<{ items: ListItem[]; next: string | null }> {
    const { results } = await this.run((db) =>
      db
      .prepare(
        `SELECT r.slug, r.title, r.revision, r.created_at FROM revisions r
         WHERE r.slug > ?1 AND r.state = 'live'
           AND r.revision = (SELECT MAX(revision) FROM revisions WHERE slug = r.slug)
         ORDER BY r.slug LIMIT ?2`,
      )
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
  async append(box: FactBox, expected: number, author: string, state: 'live' | 'archived' = 'live'): Promise<boolean> {
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
        return result.meta.changes === 1;
      } catch (err) {
        if (String(err).includes('UNIQUE constraint failed')) return false;
        throw err;
      }
    });
  }
}
