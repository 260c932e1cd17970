import { defineConfig } from 'vitest/config';

// The tests next to the code: they exercise the mutated core files through their exported
// functions and the clients. The integration tests under test/ would make each of the ~900
// mutants hours slower on this machine (servers, real waits) and say little more about them.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'threads',
  },
});
