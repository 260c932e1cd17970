// One text form per usage record, so the raw wire records (dates as `yyyy-MM-ddTHH:mm:ss` text)
// and the SDK's (dates as Date objects) can be compared field by field, in order.

function canonicalValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 19);
  return value;
}

/** Keys sorted, dates as the API writes them. */
export function canonicalRecord(record: object): string {
  const entries = Object.entries(record)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, canonicalValue(v)]);
  return JSON.stringify(entries);
}

/** Undefined when both lists hold the same records in the same order, else the first difference. */
export function differRecords(baseline: readonly object[], ours: readonly object[]): string | undefined {
  if (baseline.length !== ours.length) return `baseline has ${baseline.length} records, ours ${ours.length}`;
  for (let i = 0; i < baseline.length; i++) {
    const a = canonicalRecord(baseline[i] as object);
    const b = canonicalRecord(ours[i] as object);
    if (a !== b) return `record ${i} differs: ${a.slice(0, 200)} vs ${b.slice(0, 200)}`;
  }
  return undefined;
}
