import { describe, expect, it } from 'vitest';
import { anySignal, onAbort } from './abort.js';
import { createUsageClient } from '../index.js';
import { fakeFetch, query, records, usagePage } from '../../test/fake-fetch.js';

describe('onAbort', () => {
  it('calls every listener still attached, once, through one listener on the signal', () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const detach = Array.from({ length: 16 }, (_, i) => onAbort(controller.signal, () => calls.push(i)));
    detach[3]?.();
    controller.abort();
    controller.abort();
    expect(calls).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('aborts a combined signal from any of its signals, and not after dispose', () => {
    const [a, b] = [new AbortController(), new AbortController()];
    const first = anySignal([a.signal, undefined, b.signal]);
    b.abort('stop');
    expect(first.signal.reason).toBe('stop');
    const second = anySignal([a.signal]);
    second.dispose();
    a.abort('late');
    expect(second.signal.aborted).toBe(false);
  });
});

describe('a walk at concurrency 16', () => {
  it('puts one listener on the walk\'s signal however many pages are in flight: Node warns of no leak', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const data = records(400);
      const fetch = fakeFetch(async (req) => {
        const offset = Number(new URL(req.url).searchParams.get('offset'));
        await new Promise((resolve) => setTimeout(resolve, 5));
        return usagePage(data, offset, 10);
      });
      const controller = new AbortController();
      const all = await createUsageClient({ token: 't0ken-abc', fetch }).usage.all(query, { pageSize: 10, concurrency: 16, signal: controller.signal });
      expect(all).toHaveLength(400);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
