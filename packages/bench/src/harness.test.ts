import { describe, expect, it } from 'vitest';
import { pairedRatio, variantRatio, type VariantSummary } from './harness.js';

const variant = (samplesMs: number[]): VariantSummary => ({ label: 'v', medianMs: 0, samplesMs, metrics: {} });

describe('pairedRatio', () => {
  it('compares each round with itself, so a slow spell that slows both runs of a round cancels out', () => {
    // Rounds 2 and 3 ran in a slow spell: the separate medians (300 and 150) would say 0.5x.
    expect(pairedRatio(variant([120, 360, 360, 120, 150]), variant([100, 300, 300, 100, 300]))).toBeCloseTo(1.2, 10);
    expect(pairedRatio(variant([300, 300, 480]), variant([100, 100, 400]))).toBeCloseTo(3, 10);
  });
});

describe('variantRatio', () => {
  it('takes two variants by name, and is NaN when one is missing', () => {
    const variants = { floor: variant([100, 200, 100]), ours: variant([250, 500, 300]) };
    expect(variantRatio(variants, 'ours', 'floor')).toBe(2.5);
    expect(variantRatio(variants, 'ours', 'udsv')).toBeNaN();
  });
});
