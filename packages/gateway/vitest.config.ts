import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Every suite starts its own upstream and gateway on ephemeral loopback ports.
    testTimeout: 60_000,
  },
});
