// Summarized windows merged into what one call over the whole range answers: one record per
// distinct combination of the non-numeric fields, the quantities summed, in order of first
// appearance.
import type { UsageRecord } from './types.js';

const quantities = ['usageValue', 'billableValue'] as const;

function decimals(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 || text.includes('e') ? 0 : text.length - dot - 1;
}

// Binary floating point would turn 0.1 + 0.2 into 0.30000000000000004; the API's quantities are
// decimals, so the sum is rounded to the most decimals of its terms, as the server's own sum is.
function addDecimal(a: number, b: number): number {
  return Number((a + b).toFixed(Math.min(20, Math.max(decimals(a), decimals(b)))));
}

function keyOf(record: UsageRecord): string {
  const entries = Object.entries(record)
    .filter(([name, value]) => value !== undefined && !(quantities as readonly string[]).includes(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** The records of every window as one summarized list (the inputs are left unchanged). */
export function mergeSummarized(records: Iterable<UsageRecord>): UsageRecord[] {
  // A Map keeps its keys in insertion order: the order of first appearance.
  const byKey = new Map<string, UsageRecord>();
  for (const record of records) {
    const key = keyOf(record);
    const seen = byKey.get(key);
    if (seen === undefined) {
      byKey.set(key, { ...record });
      continue;
    }
    for (const name of quantities) {
      const value = record[name];
      if (value !== undefined) seen[name] = seen[name] === undefined ? value : addDecimal(seen[name], value);
    }
  }
  return [...byKey.values()];
}
