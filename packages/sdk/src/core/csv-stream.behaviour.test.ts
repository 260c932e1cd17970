// The CSV reader as a download meets it: rows come as the bytes come, the connection is closed
// when the reader stops early and left alone when the file ends.
import { describe, expect, it } from 'vitest';
import { recordCells, type CsvRecord } from './csv-parse.js';
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

/** The rows after the header, as strings; the header goes to `headers`. */
function strings(stream: ReadableStream<Uint8Array>, signal?: AbortSignal, headers: string[][] = []): AsyncGenerator<string[][]> {
  return readCsvBatches(stream, (header) => {
    headers.push(header);
    return recordCells;
  }, signal);
}

/** The header's cells, then the batches of rows. */
async function batches(chunks: string[]): Promise<[string[] | undefined, string[][][]]> {
  const headers: string[][] = [];
  const out: string[][][] = [];
  for await (const batch of strings(body(chunks).stream, undefined, headers)) out.push(batch);
  return [headers[0], out];
}

describe('readCsvBatches', () => {
  it('yields the complete rows of each chunk as soon as it arrives', async () => {
    const source = body(['h,i\na,b\n1,', '2\n3,4\n', '5,6']);
    const headers: string[][] = [];
    const iterator = strings(source.stream, undefined, headers);
    expect((await iterator.next()).value).toEqual([['a', 'b']]);
    expect(headers).toEqual([['h', 'i']]);
    expect(source.pulled()).toBe(1);
    expect((await iterator.next()).value).toEqual([['1', '2'], ['3', '4']]);
    expect(source.pulled()).toBe(2);
    expect((await iterator.next()).value).toEqual([['5', '6']]);
    expect((await iterator.next()).done).toBe(true);
  });

  it('skips a blank line and yields each row as soon as it arrives', async () => {
    const source = body(['h\na,b\n', '\n', 'c,d\n']);
    const iterator = strings(source.stream);
    expect((await iterator.next()).value).toEqual([['a', 'b']]);
    expect(source.pulled()).toBe(1);
    expect((await iterator.next()).value).toEqual([['c', 'd']]);
    expect((await iterator.next()).done).toBe(true);
  });

  it('waits for a line break outside quotes before cutting', async () => {
    expect(await batches(['"x', '\ny",', '2\n'])).toEqual([['x\ny', '2'], []]);
    expect(await batches(['h\na,"say ""hi', '""\n"\n'])).toEqual([['h'], [[['a', 'say "hi"\n']]]]);
  });

  it('finishes a record left open at a chunk\'s end with the next chunk\'s first line, or more', async () => {
    // Open field, closed on the next chunk's first line; then rows read in place.
    expect(await batches(['h\na,"x', 'y",1\n2,3\n'])).toEqual([['h'], [[['a', 'xy', '1'], ['2', '3']]]]);
    // A quoted line break after the boundary: the record needs more than that first line.
    expect(await batches(['h\n"p', '\nq\nr",s\nt\n'])).toEqual([['h'], [[['p\nq\nr', 's'], ['t']]]]);
    // A \r at a chunk's end and its \n at the next one's start; a doubled quote split in two.
    expect(await batches(['h\na,b\r', '\nc,"d"', '"e"\n'])).toEqual([['h'], [[['a', 'b']], [['c', 'd"e']]]]);
    // The first line finishes the open record and holds another record, then a chunk with no line break.
    expect(await batches(['h\nk,"v', '",1\r\n"w",2\n"z', 'z', '",3\n'])).toEqual([['h'], [[['k', 'v', '1'], ['w', '2']], [['zz', '3']]]]);
    // The header itself left open at a chunk's end.
    expect(await batches(['"a', ' b",c\n1,2\n'])).toEqual([['a b', 'c'], [[['1', '2']]]]);
  });

  it('gives no row for a file that ends in blank space, nor for an empty file', async () => {
    expect(await batches(['h\na,b\n', ' ', '  '])).toEqual([['h'], [[['a', 'b']]]]);
    expect(await batches([])).toEqual([undefined, []]);
    expect(await batches(['', ''])).toEqual([undefined, []]);
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
    for await (const batch of strings(stream)) out.push(...batch);
    expect(out).toEqual([['1', 'ü€']]);
  });

  it('leaves a finished body alone, released for others', async () => {
    const source = body(['a,b\n', '1,2\n']);
    for await (const batch of strings(source.stream)) expect(batch).toEqual([['1', '2']]);
    expect(source.cancelled()).toBe(false);
    expect(source.stream.locked).toBe(false);
  });

  it('stops with the reason of an aborted signal and closes the body', async () => {
    const source = body(['h\na,b\n', '1,2\n', '3,4\n']);
    const controller = new AbortController();
    const seen: string[][][] = [];
    const reading = (async () => {
      for await (const batch of strings(source.stream, controller.signal)) {
        seen.push(batch);
        controller.abort(new Error('stop now'));
      }
    })();
    await expect(reading).rejects.toThrow('stop now');
    expect(seen).toEqual([[['a', 'b']]]);
    expect(source.cancelled()).toBe(true);
    expect(source.stream.locked).toBe(false);
  });

  it('yields the rows read before a conversion that throws, then throws its error', async () => {
    const failing = (): ((record: CsvRecord) => string) => (record) => {
      const cell = recordCells(record)[0] as string;
      if (cell === 'bad') throw new Error(`cannot read ${cell}`);
      return cell;
    };
    const seen: string[][] = [];
    const reading = (async () => {
      for await (const batch of readCsvBatches(body(['h\n1\n2\nbad\n3\n']).stream, failing)) seen.push(batch);
    })();
    await expect(reading).rejects.toThrow('cannot read bad');
    expect(seen).toEqual([['1', '2']]);
  });
});
