/**
 * A list that is fetched lazily: `for await` it to stream items as they arrive, or `await` it
 * to get them all in an array. Each iteration starts a fresh walk.
 */
export class LazyList<T> implements AsyncIterable<T>, PromiseLike<T[]> {
  constructor(private readonly produce: () => AsyncIterator<T>) {}

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
