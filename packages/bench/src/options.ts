// What every benchmark takes.
export interface BenchOptions {
  /** One round, small sizes: the CI run that keeps the benchmarks from rotting. */
  quick: boolean;
  /** Progress lines. */
  log: (line: string) => void;
}

/** The data set's "now", fixed so every run sees the same records. */
export const DATA_NOW = '2025-06-01T00:00:00';
