import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Every suite starts its own server on an ephemeral port, so files may run in parallel.
    testTimeout: 60_000,
  },
});
