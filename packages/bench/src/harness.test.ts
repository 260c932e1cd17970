import { describe, expect, it } from 'vitest';
import { pairedRatio, type PairSummary } from './harness.js';

const summary = (baseline: number[], ours: number[]): PairSummary => ({
  baseline: { label: 'b', medianMs: 0, samplesMs: baseline, metrics: {} },
  ours: { label: 'o', medianMs: 0, samplesMs: ours, metrics: {} },
  sameDataRounds: baseline.length,
});

describe('pairedRatio', () => {
  it('compares each round with itself, so a slow spell that slows both runs of a round cancels out', () => {
    // Separate medians would give 300 / 200 = 1.5; within every round ours takes 1.2x.
    expect(pairedRatio(summary([100, 200, 400], [120, 240, 480]))).toBeCloseTo(1.2, 10);
    expect(pairedRatio(summary([100, 100, 400], [300, 300, 480]))).toBeCloseTo(3, 10);
  });
});
