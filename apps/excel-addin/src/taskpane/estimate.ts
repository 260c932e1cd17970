// "About 25 s left": the rate so far (rows per second since the phase began) applied to the rows
// still to come. Shown only once the sample is big enough to mean something.

export interface Sample {
  /** ms since the phase started. */
  elapsedMs: number;
  done: number;
  total: number;
}

const MIN_ELAPSED_MS = 2_000;

/** Seconds left, or undefined while there is too little to go on. */
export function secondsLeft(s: Sample): number | undefined {
  if (s.elapsedMs < MIN_ELAPSED_MS || s.done <= 0 || s.total <= s.done) return undefined;
  const perMs = s.done / s.elapsedMs;
  return Math.ceil((s.total - s.done) / perMs / 1000);
}

/** In words, rounded the way people say it. */
export function timeLeftText(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds < 10) return 'A few seconds left.';
  if (seconds < 90) return `About ${Math.ceil(seconds / 5) * 5} seconds left.`;
  return `About ${Math.round(seconds / 60)} minutes left.`;
}
