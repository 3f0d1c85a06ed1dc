// The worker's environment. Bindings and [vars] come from wrangler.toml through `wrangler types`
// (worker/worker-configuration.d.ts, generated and committed; `npm test` checks it is current).
// Secrets are not in wrangler.toml, so the optional ones are declared here.
import type { FactBoxStore } from './factbox/store';

declare global {
  interface Env {
    /** Comma-separated name:token pairs (see worker/auth.ts); without it, writes are refused. */
    FACTBOX_TOKENS?: string;
  }
}

type WorkerEnv = Env;
export type { WorkerEnv as Env };

/** What middleware hands to handlers through typed `c.var`. */
export interface Vars {
  /** A read session on D1, following the client's X-D1-Bookmark if it sent one. */
  store: FactBoxStore;
  /**
   * The request may skip the shared edge cache: it carries a valid token, or a D1 bookmark this
   * API issued (to see its own write). Anything else, however it is dressed, is served from cache.
   */
  fresh: boolean;
}

export type AppEnv = { Bindings: Env; Variables: Vars };
