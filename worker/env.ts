// The worker's bindings and secrets (wrangler.toml, .dev.vars / `wrangler secret put`).
export interface Env {
  DB: D1Database;
  /** Comma-separated name:token pairs; without it, writes are refused. */
  FACTBOX_TOKENS?: string;
}
export type AppEnv = { Bindings: Env };
