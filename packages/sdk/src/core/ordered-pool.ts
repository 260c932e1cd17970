import { createApiError } from './errors.js';

/**
 * Runs `work` over the items with at most `concurrency` in flight and yields the results in
 * the items' order. Stopping early (break, error) launches nothing more; results still in
 * flight are dropped without an unhandled rejection.
 */
export async function* mapInOrder<T, R>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const limit = Math.max(1, Math.min(16, Math.floor(concurrency)));
  const iterator = items[Symbol.iterator]();
  const window: Promise<R>[] = [];
  const fill = (): void => {
    while (window.length < limit) {
      const next = iterator.next();
      if (next.done) return;
      const promise = work(next.value);
      promise.catch(() => undefined);
      window.push(promise);
    }
  };
  fill();
  while (window.length > 0) {
    const result = await (window.shift() as Promise<R>);
    fill();
    yield result;
  }
}

/** The numbers from..to, inclusive, lazily. */
export function* range(from: number, to: number): Generator<number> {
  for (let n = from; n <= to; n++) yield n;
}

/** The error thrown when a caller's signal stops a walk between two requests. */
export function walkAborted(api: string, operation: string, reason: string, page?: number): Error {
  return createApiError({ kind: 'aborted', api, operation, reason, page });
}
