// Applies the real migrations (schema and default box) to the test D1; idempotent.
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
