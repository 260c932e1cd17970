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
  let carry = '';
  let batch: string[][] = [];
  const onRow = (row: string[]): void => {
    batch.push(row);
  };
  const feed = (text: string): void => {
    if (parser === undefined) {
      // The schema (and the line ending) is inferred from text holding the whole header line;
      // a chunk ending between \r and \n is not enough to tell \r\n from \r.
      pending += text;
      if (!/\n|\r[^\n]/.test(pending)) return;
      parser = initParser(inferSchema(pending, { col: ',', encl: '"' }));
      batch.push(parser.schema.cols.map((column) => column.name));
      const first = pending;
      pending = '';
      carry = first.endsWith('\r') ? '\r' : '';
      parser.chunk<string[]>(carry ? first.slice(0, -1) : first, parser.stringArrs, onRow);
      return;
    }
    // uDSV misreads a \r\n split across two chunks (the \n lands in the next field), so a
    // trailing \r waits for the next chunk.
    const joined = carry + text;
    carry = joined.endsWith('\r') ? '\r' : '';
    parser.chunk<string[]>(carry ? joined.slice(0, -1) : joined, parser.stringArrs, onRow);
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
      // A file that is only a header, or ends right after its header's \r.
      feed(pending.endsWith('\r') ? '\n' : '\r\n');
    }
    if (carry && parser) parser.chunk<string[]>(carry, parser.stringArrs, onRow);
    parser?.end();
    if (batch.length > 0) yield batch;
  } finally {
    // Stopped early (break, abort, error): close the connection instead of leaving it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
