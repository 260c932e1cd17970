import { describe, expect, it } from 'vitest';
import { createLimiter, mapInOrder, range } from './ordered-pool.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapInOrder', () => {
  it('yields in order whatever order the work finishes in, with at most `concurrency` running', async () => {
    let running = 0;
    let peak = 0;
    const out: number[] = [];
    for await (const n of mapInOrder(range(0, 19), 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await wait((n * 7) % 5);
      running--;
      return n;
    })) out.push(n);
    expect(out).toEqual([...range(0, 19)]);
    expect(peak).toBe(3);
  });

  it('starts the next item when any running one finishes, not only the oldest', async () => {
    // Item 0 is held until item 5 has started: a pool that waited for the oldest item would never
    // start item 5, and item 0 would give up with an error instead of a result.
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const out = [];
    for await (const n of mapInOrder(range(0, 5), 2, async (n) => {
      if (n === 0) {
        await Promise.race([released, wait(5_000).then(() => { throw new Error('items 2..5 did not start while item 0 was busy'); })]);
      } else {
        await wait(1);
        if (n === 5) release();
      }
      return n;
    })) out.push(n);
    expect(out).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('holds at most 4 x concurrency results behind a slow first item', async () => {
    const started: number[] = [];
    const iterator = mapInOrder(range(0, 99), 2, async (n) => {
      started.push(n);
      await wait(n === 0 ? 80 : 1);
      return n;
    });
    await wait(60);
    expect(started.length).toBe(0); // nothing starts before the first next()
    const first = iterator.next();
    await wait(50);
    expect(Math.max(...started)).toBeLessThan(8);
    expect((await first).value).toBe(0);
    await iterator.return(undefined);
  });

  it('starts nothing more once the consumer stops, and surfaces a failure in its turn', async () => {
    const started: number[] = [];
    for await (const n of mapInOrder(range(0, 99), 4, async (n) => (started.push(n), n))) if (n === 2) break;
    const count = started.length;
    await wait(20);
    expect(started.length).toBe(count);
    const failing = mapInOrder(range(0, 9), 2, async (n) => {
      if (n === 3) throw new Error('page 3 failed');
      return n;
    });
    const seen: number[] = [];
    await expect((async () => { for await (const n of failing) seen.push(n); })()).rejects.toThrow('page 3 failed');
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('createLimiter', () => {
  it('never runs more than its slots, shared by several callers, first come first served', async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) => limiter.run(async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(n);
      await wait(n % 2 === 0 ? 5 : 1);
      running--;
      if (n === 7) throw new Error('seven');
      return n;
    });
    const results = await Promise.allSettled([...range(0, 19)].map(task));
    expect(peak).toBe(3);
    expect(order).toEqual([...range(0, 19)]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    // A failed task gave its slot back.
    await expect(limiter.run(async () => running)).resolves.toBe(0);
  });
});

describe('createLimiter priorities', () => {
  it('starts waiting tasks by priority, then in arrival order', async () => {
    const limiter = createLimiter(1);
    const order: string[] = [];
    const task = (name: string, priority?: number) => limiter.run(async () => {
      order.push(name);
      await wait(1);
    }, priority);
    await Promise.all([task('running'), task('late-b', 2), task('late-a', 2), task('early', 1), task('default')]);
    expect(order).toEqual(['running', 'default', 'early', 'late-b', 'late-a']);
  });
});

