import { createApiError } from './errors.js';

/**
 * Runs `work` over the items with at most `concurrency` in flight and yields the results in the
 * items' order. A new item starts as soon as any running one finishes (not only the oldest), but
 * never more than `concurrency * 4` items past the oldest unyielded one, so a slow item holds
 * back a bounded number of results. Stopping early (break, error) starts nothing more; results
 * still in flight are dropped without an unhandled rejection.
 */
export async function* mapInOrder<T, R>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const limit = Math.max(1, Math.min(16, Math.floor(concurrency)));
  const iterator = items[Symbol.iterator]();
  // Started and not yet yielded, by position; yielded results are let go at once.
  const pending = new Map<number, Promise<R>>();
  let next = 0;
  let yielded = 0;
  let running = 0;
  let done = false;
  const fill = (): void => {
    while (!done && running < limit && next - yielded < limit * 4) {
      const item = iterator.next();
      if (item.done) {
        done = true;
        return;
      }
      running++;
      const promise = work(item.value);
      pending.set(next++, promise);
      const settled = (): void => {
        running--;
        fill();
      };
      // The rejection itself reaches the caller when its turn comes to be yielded.
      promise.then(settled, settled);
    }
  };
  try {
    fill();
    while (yielded < next) {
      const result = await (pending.get(yielded) as Promise<R>);
      pending.delete(yielded++);
      fill();
      yield result;
    }
  } finally {
    // Stopped early or finished: nothing more starts.
    done = true;
  }
}

/** Bounds how many tasks run at once; one limiter can be shared by several walks. */
export interface Limiter {
  /**
   * Runs `task` when a slot is free and frees the slot when it settles. Waiting tasks start by
   * `priority` (lower first, default 0), then first come, first served.
   */
  run<T>(task: () => Promise<T>, priority?: number): Promise<T>;
}

/** A limiter of `concurrency` slots (1 to 16). */
export function createLimiter(concurrency: number): Limiter {
  const slots = Math.max(1, Math.min(16, Math.floor(concurrency)));
  const waiting: { priority: number; start: () => void }[] = [];
  let running = 0;
  // A freed slot passes straight to the next waiter, so a newcomer can never slip in between.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next.start();
    else running--;
  };
  return {
    async run(task, priority = 0) {
      if (running < slots) running++;
      else {
        await new Promise<void>((start) => {
          const at = waiting.findIndex((w) => w.priority > priority);
          waiting.splice(at < 0 ? waiting.length : at, 0, { priority, start });
        });
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/** The numbers from..to, inclusive, lazily. */
export function* range(from: number, to: number): Generator<number> {
  for (let n = from; n <= to; n++) yield n;
}

/** The error thrown when a caller's signal stops a walk between two requests. */
export function walkAborted(api: string, operation: string, reason: string, page?: number): Error {
  return createApiError({ kind: 'aborted', api, operation, reason, page });
}
