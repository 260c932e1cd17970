// The ordered pool as the page walk uses it: how many run, how far ahead it reads, and the order.
import { describe, expect, it } from 'vitest';
import { AbortedError } from './errors.js';
import { mapInOrder, range, walkAborted } from './ordered-pool.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function peakRunning(concurrency: number, count = 40): Promise<number> {
  let running = 0;
  let peak = 0;
  const out: number[] = [];
  for await (const n of mapInOrder(range(1, count), concurrency, async (n) => {
    running++;
    peak = Math.max(peak, running);
    await wait(2);
    running--;
    return n * 10;
  })) out.push(n);
  expect(out).toEqual([...range(1, count)].map((n) => n * 10));
  return peak;
}

describe('mapInOrder', () => {
  it('runs between one and sixteen at a time, whole numbers only', async () => {
    expect(await peakRunning(0)).toBe(1);
    expect(await peakRunning(-3)).toBe(1);
    expect(await peakRunning(2.9)).toBe(2);
    expect(await peakRunning(40)).toBe(16);
  });

  it('reads exactly four times the concurrency ahead of a slow first item', async () => {
    for (const concurrency of [2, 3]) {
      const started: number[] = [];
      const iterator = mapInOrder(range(0, 99), concurrency, async (n) => {
        started.push(n);
        await wait(n === 0 ? 100 : 1);
        return n;
      });
      const first = iterator.next();
      await wait(70);
      expect(Math.max(...started)).toBe(concurrency * 4 - 1);
      expect((await first).value).toBe(0);
      await iterator.return(undefined);
    }
  });

  it('yields nothing for no items, and every item once otherwise', async () => {
    const none: number[] = [];
    for await (const n of mapInOrder([], 3, async (n: number) => n)) none.push(n);
    expect(none).toEqual([]);
    const seen: string[] = [];
    for await (const s of mapInOrder(['a', 'b', 'c'], 8, async (s) => s.toUpperCase())) seen.push(s);
    expect(seen).toEqual(['A', 'B', 'C']);
  });

  it('does not leave a rejection unhandled when stopped before a failing item is yielded', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for await (const n of mapInOrder(range(0, 9), 4, async (n) => {
        if (n === 2) throw new Error('late failure');
        await wait(5);
        return n;
      })) if (n === 0) break;
      await wait(30);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('mapInOrder after the consumer stops', () => {
  it('starts nothing more when the running items finish later', async () => {
    const started: number[] = [];
    for await (const n of mapInOrder(range(0, 99), 2, async (n) => {
      started.push(n);
      await wait(n === 0 ? 1 : 15);
      return n;
    })) if (n === 0) break;
    const atStop = started.length;
    await wait(60);
    expect(started.length).toBe(atStop);
  });
});

describe('range', () => {
  it('counts from..to, both included, and is empty when to is below from', () => {
    expect([...range(3, 6)]).toEqual([3, 4, 5, 6]);
    expect([...range(2, 2)]).toEqual([2]);
    expect([...range(2, 1)]).toEqual([]);
  });
});

describe('walkAborted', () => {
  it('is an aborted ApiError naming the API, operation and page', () => {
    const error = walkAborted('HERE Usage API', 'getUsage', 'the walk was cancelled after 10 of 50 records.', 2);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ kind: 'aborted', api: 'HERE Usage API', operation: 'getUsage', page: 2 });
    expect(error.message).toBe('HERE Usage API getUsage (page 2) failed: the walk was cancelled after 10 of 50 records. Correlation id: none received.');
  });
});
