// One vitest configuration, three projects: `worker` runs inside workerd against a real local D1
// with the migrations applied; `widget` renders components with render-to-string and happy-dom;
// `e2e` drives Debian's Chromium with playwright-core against `wrangler dev`, with host pages on
// another origin. npm test runs them one after the other (`--project`), so the two cores of a
// small machine are not shared between workerd, Chromium and wrangler at once.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

const jsx = { jsx: { runtime: 'automatic', importSource: 'preact' } } as const;

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('./worker/migrations'),
                FACTBOX_TOKENS: 'alice:test-token-alice-0123456789,bob:test-token-bob-9876543210',
                // The suites write far more than an editor would; the limit itself is tested with its own token.
                FACTBOX_WRITES_PER_MINUTE: '100000',
                // The second purge after a write waits for replicas; the tests would wait with it (tested on its own).
                FACTBOX_REPURGE_MS: '0',
              },
            },
          })),
        ],
        oxc: jsx,
        test: { name: 'worker', include: ['tests/worker/**/*.test.ts'], setupFiles: ['./tests/worker/setup.ts'] },
      },
      { oxc: jsx, test: { name: 'widget', include: ['tests/widget/**/*.test.{ts,tsx}'] } },
      {
        oxc: jsx,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['./tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
