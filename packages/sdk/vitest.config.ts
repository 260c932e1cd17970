import { defineConfig } from 'vitest/config';

// Dates must come out the same on every machine: the tests run in a zone that is not UTC (set
// before the test threads start, which take the zone of the process).
process.env.TZ = 'America/New_York';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
