// One text per record or CSV row, so what the SDK returns (Dates, numbers) compares with what
// the fault-free server sent (text), field by field and in order.

function canonicalValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().slice(0, 19) : value;
}

export function canonical(record: object): string {
  return JSON.stringify(
    Object.entries(record)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonicalValue(v)]),
  );
}

/** How a received list falls short of the expected one, or undefined when it is exactly it. */
export function compareRecords(expected: readonly string[], got: readonly object[]): string | undefined {
  const texts = got.map(canonical);
  if (texts.length !== expected.length) {
    const seen = new Set<string>();
    const duplicates = texts.filter((t) => (seen.has(t) ? true : (seen.add(t), false))).length;
    return `${texts.length} records instead of ${expected.length} (${duplicates} duplicates)`;
  }
  const at = texts.findIndex((t, i) => t !== expected[i]);
  return at < 0 ? undefined : `record ${at} differs or is out of order`;
}
