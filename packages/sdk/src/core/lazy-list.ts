/**
 * A list that is fetched lazily: `for await` it to stream items as they arrive, or `await` it
 * to get them all in an array. Each iteration starts a fresh walk.
 */
export class LazyList<T> implements AsyncIterable<T>, PromiseLike<T[]> {
  constructor(private readonly produce: () => AsyncIterator<T>) {}

  /**
   * A list whose items arrive in batches (the rows of one CSV chunk): each item is handed out
   * without an async generator step of its own, which a million-row download would feel.
   */
  static ofBatches<T>(produce: () => AsyncIterator<T[]>): LazyList<T> {
    return new LazyList(() => oneByOne(produce()));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.produce();
  }

  /** Every item, in order. */
  async toArray(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }

  then<TResult1 = T[], TResult2 = never>(
    onfulfilled?: ((value: T[]) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.toArray().then(onfulfilled, onrejected);
  }
}

function oneByOne<T>(batches: AsyncIterator<T[]>): AsyncIterator<T> {
  let batch: T[] = [];
  let at = 0;
  return {
    async next(): Promise<IteratorResult<T>> {
      while (at >= batch.length) {
        const next = await batches.next();
        if (next.done) return { done: true, value: undefined };
        batch = next.value;
        at = 0;
      }
      return { done: false, value: batch[at++] as T };
    },
    // Stopping early (break) stops the batches too, which closes the download.
    async return(): Promise<IteratorResult<T>> {
      batch = [];
      await batches.return?.();
      return { done: true, value: undefined };
    },
  };
}
