import { defineConfig } from 'vitest/config';

// Dates must come out the same on every machine: the tests run in a zone that is not UTC (set
// before the test threads start, which take the zone of the process).
process.env.TZ = 'America/New_York';

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
