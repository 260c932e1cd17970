import { describe, expect, it } from 'vitest';
import { recordCells } from './csv-parse.js';
import { readCsvBatches } from './csv-stream.js';

function stream(text: string, chunk: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

/** The header and every row, as strings. */
async function rows(text: string, chunk: number): Promise<string[][]> {
  const out: string[][] = [];
  const cells = (header: string[]) => {
    out.push(header);
    return recordCells;
  };
  for await (const batch of readCsvBatches(stream(text, chunk), cells)) out.push(...batch);
  return out;
}

describe('readCsvBatches', () => {
  const text = '"a","b (field)"\r\n"1","x, ""quoted"""\r\n"2","line\r\nbreak"\r\n"3","日本語 ü"\r\n';
  const expected = [['a', 'b (field)'], ['1', 'x, "quoted"'], ['2', 'line\r\nbreak'], ['3', '日本語 ü']];

  it.each([1, 2, 3, 7, 64, 10_000])('reads the same rows whatever the chunk size (%i bytes)', async (chunk) => {
    expect(await rows(text, chunk)).toEqual(expected);
  });

  it('reads a header-only file and a file without a final line break', async () => {
    expect(await rows('"a","b"', 3)).toEqual([['a', 'b']]);
    expect(await rows('a,b\n1,2', 2)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('a,b\n1,2\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _batch of readCsvBatches(body, () => recordCells)) break;
    expect(cancelled).toBe(true);
  });
});
