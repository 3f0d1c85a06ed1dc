// The worker's bindings and secrets (wrangler.toml, .dev.vars / `wrangler secret put`).
export interface Env {
  DB: D1Database;
  /** Comma-separated name:token pairs; without it, writes are refused. */
  FACTBOX_TOKENS?: string;
  /** Writes each token may make per minute (default 120). */
  FACTBOX_WRITES_PER_MINUTE?: string;
  /** How long one D1 query may take before the request gives up on it (default 5000 ms). */
  FACTBOX_D1_TIMEOUT_MS?: string;
}
export type AppEnv = { Bindings: Env };
