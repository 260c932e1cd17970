import { describe, expect, it } from 'vitest';
import { mergeSummarized } from './merge-summarized.js';

describe('mergeSummarized', () => {
  it('keeps one record per combination of the other fields, sums the quantities, first appearance first', () => {
    const merged = mergeSummarized([
      { featureId: 'a', name: 'Geocode', usageValue: 0.1, billableValue: 1 },
      { featureId: 'b', name: 'Routing', usageValue: 5 },
      { featureId: 'a', name: 'Geocode', usageValue: 0.2, billableValue: 2 },
      { featureId: 'a', usageValue: 7 },
    ]);
    expect(merged).toEqual([
      { featureId: 'a', name: 'Geocode', usageValue: 0.3, billableValue: 3 },
      { featureId: 'b', name: 'Routing', usageValue: 5 },
      { featureId: 'a', usageValue: 7 },
    ]);
  });

  it('leaves a quantity the query left out absent, and its inputs unchanged', () => {
    const first = { category: 'Storage', billableValue: 1.25 };
    const merged = mergeSummarized([first, { category: 'Storage', billableValue: 2.5 }]);
    expect(merged).toEqual([{ category: 'Storage', billableValue: 3.75 }]);
    expect('usageValue' in (merged[0] as object)).toBe(false);
    expect(first.billableValue).toBe(1.25);
  });
});
