// Mutation testing of the SDK core (`pnpm test:mutation` at the root; not part of CI: see the root
// README for its time). Stryker 9 because 10 needs Node 22.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/usage/paging.ts',
    'src/core/retry.ts',
    'src/core/csv-stream.ts',
    'src/core/redact.ts',
    'src/core/ordered-pool.ts',
    'src/core/dates.ts',
    'src/core/validation.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  // A rerun only tests the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  timeoutMS: 5_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
