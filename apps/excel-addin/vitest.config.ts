import { defineConfig } from 'vitest/config';

// Unit tests (src/**, test/unit, test/manifest) run in Node; test/e2e drives the built pane in
// Debian's chromium through playwright-core and skips itself when no browser is installed.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The e2e suite shares one server and one browser; files stay sequential to keep 2 cores calm.
    fileParallelism: false,
  },
});
