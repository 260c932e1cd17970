import { describe, expect, it } from 'vitest';
import { runLine, type BenchResult } from './results.js';

const result = (benchmark: string, run?: BenchResult['run']): BenchResult => ({
  benchmark,
  title: benchmark,
  measuredAt: '2026-12-02T05:00:00.000Z',
  quick: false,
  environment: { node: 'v20', platform: 'linux-x64', cpus: 2 },
  params: {},
  figures: [],
  run,
});

describe('runLine', () => {
  const full = { startedAt: '2026-12-02T05:00:00.000Z', benchmarks: ['sizes', 'paged-pull'] };

  it('says every figure comes from one run when all results share a run that ran them all', () => {
    expect(runLine([result('paged-pull', full), result('sizes', full)])).toBe('Every figure below comes from one run of 2 benchmarks, started 2026-12-02T05:00:00.000Z.');
  });

  it('names each run and its benchmarks when a benchmark was run again on its own', () => {
    const again = { startedAt: '2026-12-02T06:00:00.000Z', benchmarks: ['sizes'] };
    expect(runLine([result('paged-pull', full), result('sizes', again)])).toBe(
      'The figures below come from 2 runs (started at: benchmarks) — 2026-12-02T05:00:00.000Z: paged-pull; 2026-12-02T06:00:00.000Z: sizes.',
    );
  });

  it('does not call a run of one benchmark a run of them all, nor a result without a run one run', () => {
    const single = { startedAt: '2026-12-02T06:00:00.000Z', benchmarks: ['sizes'] };
    expect(runLine([result('paged-pull', single), result('sizes', single)])).toMatch(/^The figures below come from one run of some of the benchmarks/);
    expect(runLine([result('sizes')])).toContain('(run unknown)');
  });
});
