// Component tests of the shared renderer: render-to-string in Node, and the client path in happy-dom.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: { include: ['tests/widget/**/*.test.{ts,tsx}'] },
});
