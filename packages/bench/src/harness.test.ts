import { describe, expect, it } from 'vitest';
import { pairedRatio, type PairSummary } from './harness.js';

const summary = (baseline: number[], ours: number[]): PairSummary => ({
  baseline: { label: 'b', medianMs: 0, samplesMs: baseline, metrics: {} },
  ours: { label: 'o', medianMs: 0, samplesMs: ours, metrics: {} },
  sameDataRounds: baseline.length,
});

describe('pairedRatio', () => {
  it('compares each round with itself, so a slow spell that slows both runs of a round cancels out', () => {
    // Rounds 2 and 3 ran in a slow spell: the separate medians (300 and 150) would say 0.5x.
    expect(pairedRatio(summary([100, 300, 300, 100, 300], [120, 360, 360, 120, 150]))).toBeCloseTo(1.2, 10);
    expect(pairedRatio(summary([100, 100, 400], [300, 300, 480]))).toBeCloseTo(3, 10);
  });
});
