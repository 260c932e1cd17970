import { defineConfig } from 'vitest/config';

const soak = process.env.MB_SOAK === '1';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fault runs wait out Retry-After and backoff; the soak runs for minutes.
    testTimeout: soak ? 900_000 : 60_000,
    hookTimeout: 30_000,
    // Each file starts its own servers on ephemeral loopback ports; one file at a time keeps the
    // two cores for the pulls instead of for parallel files racing their retry deadlines.
    fileParallelism: false,
  },
});
