// Seeded choices, so the queries of a run are the same every time.
// The embedded server's own seeded generator (mulberry32), so the suite and the server's random
// fault mix come from one implementation.
export { mulberry32 as seeded } from '@meterbook/usage-server';

export function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}
