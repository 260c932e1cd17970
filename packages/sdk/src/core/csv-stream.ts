// The one CSV reader, used by every download: a byte stream in, batches of string rows out,
// parsed incrementally (uDSV) so a million-row file never sits in memory whole.
import { inferSchema, initParser } from 'udsv';

type Parser = ReturnType<typeof initParser>;

/**
 * Yields the rows of a CSV byte stream in batches, as they are parsed. The header is the first
 * row of the first batch. Every field is a string; quoted fields may hold commas and newlines.
 */
export async function* readCsvBatches(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string[][]> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let parser: Parser | undefined;
  let pending = '';
  let batch: string[][] = [];
  const onRow = (row: string[]): void => {
    batch.push(row);
  };
  const feed = (text: string): void => {
    if (parser === undefined) {
      // The schema is inferred from text holding at least the whole header line.
      pending += text;
      if (!/\r|\n/.test(pending)) return;
      parser = initParser(inferSchema(pending, { col: ',', encl: '"' }));
      batch.push(parser.schema.cols.map((column) => column.name));
      parser.chunk<string[]>(pending, parser.stringArrs, onRow);
      pending = '';
      return;
    }
    parser.chunk<string[]>(text, parser.stringArrs, onRow);
  };
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      feed(decoder.decode(value, { stream: true }));
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
    feed(decoder.decode());
    if (parser === undefined && pending.trim() !== '') {
      // A file that is only a header without a line break.
      feed('\n');
    }
    parser?.end();
    if (batch.length > 0) yield batch;
  } finally {
    // Stopped early (break, abort, error): close the connection instead of leaving it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
