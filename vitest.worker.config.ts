// Worker tests run inside workerd against a real local D1 with the migrations applied.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('./worker/migrations'),
          FACTBOX_TOKENS: 'alice:test-token-alice-0123456789,bob:test-token-bob-9876543210',
          // The suites write far more than an editor would; the limit itself is tested with its own token.
          FACTBOX_WRITES_PER_MINUTE: '100000',
        },
      },
    })),
  ],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['tests/worker/**/*.test.ts'],
    setupFiles: ['./tests/worker/setup.ts'],
  },
});
