import { describe, expect, it } from 'vitest';
import { UnreadableValue } from './api-context.js';
import { csvRowBatches } from './csv-download.js';
import { fieldText, type CsvRecord } from './csv-parse.js';
import { MalformedResponseError } from './errors.js';
import { LazyList } from './lazy-list.js';

/** A converter that reads column `n` as a number, like the APIs' row readers. */
const rowReader = () => (record: CsvRecord) => {
  const cell = fieldText(record, 0);
  const n = Number(cell);
  if (!Number.isFinite(n)) throw new UnreadableValue(`n is not a number: ${JSON.stringify(cell)}`);
  return { n };
};

function download(text: string) {
  const response = new Response(text, { headers: { 'content-type': 'text/csv', 'x-correlation-id': 'corr-1' } });
  return LazyList.ofBatches(() => csvRowBatches({ api: 'Test API', operation: 'getReport', response, rowReader }));
}

describe('csvRowBatches through LazyList.ofBatches', () => {
  it('hands out every row one by one, in order', async () => {
    expect(await download('n\n1\n2\n3\n')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('delivers the rows before an unreadable one, then names its row and the correlation id', async () => {
    const got: number[] = [];
    let caught: unknown;
    try {
      for await (const row of download('n\n1\n2\nthree\n4\n')) got.push(row.n);
    } catch (error) {
      caught = error;
    }
    expect(got).toEqual([1, 2]);
    expect(caught).toBeInstanceOf(MalformedResponseError);
    expect(String((caught as Error).message)).toMatch(/row 3 could not be read: n is not a number: "three"/);
    expect((caught as MalformedResponseError).correlationId).toBe('corr-1');
  });

  it('stops the body when the caller breaks off', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('n\n1\n2\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = new Response(body, { headers: { 'content-type': 'text/csv' } });
    for await (const _row of LazyList.ofBatches(() => csvRowBatches({ api: 'Test API', operation: 'getReport', response, rowReader }))) break;
    expect(cancelled).toBe(true);
  });
});
