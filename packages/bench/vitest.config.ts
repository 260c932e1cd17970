import { defineConfig } from 'vitest/config';

// The quick run of every benchmark: one round, small sizes; it checks that each completes and
// that baseline and ours produce the same data, never their speed.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // One benchmark at a time, so they do not compete for the two cores.
    fileParallelism: false,
  },
});
