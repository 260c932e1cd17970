// Peak memory of this process, sampled every 50 ms and at points the caller names (a synchronous
// parse blocks the timer, so the peak right after it is taken by hand).

export interface MemoryPeak {
  /** Resident set size, MiB. */
  rssMb: number;
  /** heapUsed + external (external already holds arrayBuffers), MiB. */
  jsMb: number;
}

const MB = 1024 * 1024;

export function memoryMonitor(): { sample: () => void; stop: () => MemoryPeak; start: MemoryPeak } {
  const read = (): MemoryPeak => {
    const m = process.memoryUsage();
    return { rssMb: m.rss / MB, jsMb: (m.heapUsed + m.external) / MB };
  };
  const start = read();
  const peak = { ...start };
  const sample = (): void => {
    const now = read();
    peak.rssMb = Math.max(peak.rssMb, now.rssMb);
    peak.jsMb = Math.max(peak.jsMb, now.jsMb);
  };
  const timer = setInterval(sample, 50);
  return {
    start,
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
