// The CSV reader as a download meets it: rows come as the bytes come, the connection is closed
// when the reader stops early and left alone when the file ends.
import { describe, expect, it } from 'vitest';
import { readCsvBatches } from './csv-stream.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A body that hands out the chunks one by one, each only when asked, and records a cancel. */
function body(chunks: string[]): { stream: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let index = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encode(chunk));
    },
    cancel() {
      cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, pulled: () => index, cancelled: () => cancelled };
}

async function batches(chunks: string[]): Promise<string[][][]> {
  const out: string[][][] = [];
  for await (const batch of readCsvBatches(body(chunks).stream)) out.push(batch);
  return out;
}

describe('readCsvBatches', () => {
  it('yields the complete rows of each chunk as soon as it arrives', async () => {
    const source = body(['a,b\n1,', '2\n3,4\n', '5,6']);
    const iterator = readCsvBatches(source.stream);
    expect((await iterator.next()).value).toEqual([['a', 'b']]);
    expect(source.pulled()).toBe(1);
    expect((await iterator.next()).value).toEqual([['1', '2'], ['3', '4']]);
    expect(source.pulled()).toBe(2);
    expect((await iterator.next()).value).toEqual([['5', '6']]);
    expect((await iterator.next()).done).toBe(true);
  });

  it('skips a blank line and yields each row as soon as it arrives', async () => {
    const source = body(['a,b\n', '\n', 'c,d\n']);
    const iterator = readCsvBatches(source.stream);
    expect((await iterator.next()).value).toEqual([['a', 'b']]);
    expect(source.pulled()).toBe(1);
    expect((await iterator.next()).value).toEqual([['c', 'd']]);
    expect((await iterator.next()).done).toBe(true);
  });

  it('waits for a line break outside quotes before cutting', async () => {
    expect(await batches(['"x', '\ny",', '2\n'])).toEqual([[['x\ny', '2']]]);
    expect(await batches(['a,"say ""hi', '""\n"\n'])).toEqual([[['a', 'say "hi"\n']]]);
  });

  it('finishes a record left open at a chunk\'s end with the next chunk\'s first line, or more', async () => {
    // Open field, closed on the next chunk's first line; then rows read in place.
    expect(await batches(['a,"x', 'y",1\n2,3\n'])).toEqual([[['a', 'xy', '1'], ['2', '3']]]);
    // A quoted line break after the boundary: the record needs more than that first line.
    expect(await batches(['h\n"p', '\nq\nr",s\nt\n'])).toEqual([[['h']], [['p\nq\nr', 's'], ['t']]]);
    // A \r at a chunk's end and its \n at the next one's start; a doubled quote split in two.
    expect(await batches(['a,b\r', '\nc,"d"', '"e"\n'])).toEqual([[['a', 'b']], [['c', 'd"e']]]);
    // The first line finishes the open record and holds another record, then a chunk with no line break.
    expect(await batches(['k,"v', '",1\r\n"w",2\n"z', 'z', '",3\n'])).toEqual([[['k', 'v', '1'], ['w', '2']], [['zz', '3']]]);
  });

  it('gives no row for a file that ends in blank space, nor for an empty file', async () => {
    expect(await batches(['a,b\n', ' ', '  '])).toEqual([[['a', 'b']]]);
    expect(await batches([])).toEqual([]);
    expect(await batches(['', ''])).toEqual([]);
  });

  it('keeps a character whose bytes are split between chunks', async () => {
    const bytes = encode('k,v\n1,ü€\n');
    const out: string[][] = [];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i++) controller.enqueue(bytes.slice(i, i + 1));
        controller.close();
      },
    });
    for await (const batch of readCsvBatches(stream)) out.push(...batch);
    expect(out).toEqual([['k', 'v'], ['1', 'ü€']]);
  });

  it('leaves a finished body alone, released for others', async () => {
    const source = body(['a,b\n', '1,2\n']);
    for await (const batch of readCsvBatches(source.stream)) expect(batch.length).toBeGreaterThan(0);
    expect(source.cancelled()).toBe(false);
    expect(source.stream.locked).toBe(false);
  });

  it('stops with the reason of an aborted signal and closes the body', async () => {
    const source = body(['a,b\n', '1,2\n', '3,4\n']);
    const controller = new AbortController();
    const seen: string[][][] = [];
    const reading = (async () => {
      for await (const batch of readCsvBatches(source.stream, controller.signal)) {
        seen.push(batch);
        controller.abort(new Error('stop now'));
      }
    })();
    await expect(reading).rejects.toThrow('stop now');
    expect(seen).toEqual([[['a', 'b']]]);
    expect(source.cancelled()).toBe(true);
    expect(source.stream.locked).toBe(false);
  });
});
