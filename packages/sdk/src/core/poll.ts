import { anySignal, DeadlineExceeded, sleep } from './abort.js';

export interface PollOptions<T> {
  /** First wait between checks (default 2 s); grows by half each time up to `maxIntervalMs`. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** Give up after this long (default 15 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told the result of every check. */
  onPoll?: (value: T, attempt: number) => void;
}

/**
 * Checks until `isDone` says so. Every wait can be aborted; past the deadline it rejects with
 * DeadlineExceeded, on abort with the signal's reason.
 */
export async function pollUntil<T>(check: (signal: AbortSignal) => Promise<T>, isDone: (value: T) => boolean, options: PollOptions<T> = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const maxIntervalMs = options.maxIntervalMs ?? 30_000;
  let intervalMs = Math.max(0, options.intervalMs ?? 2_000);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineExceeded(timeoutMs)), timeoutMs);
  const { signal, dispose } = anySignal([options.signal, deadline.signal]);
  try {
    for (let attempt = 1; ; attempt++) {
      const value = await check(signal);
      options.onPoll?.(value, attempt);
      if (isDone(value)) return value;
      await sleep(intervalMs, signal);
      intervalMs = Math.min(maxIntervalMs, Math.ceil(intervalMs * 1.5));
    }
  } finally {
    clearTimeout(timer);
    dispose();
  }
}
