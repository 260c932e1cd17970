// The one CSV reader, used by every download: a byte stream in, batches of rows out, so a
// million-row file never sits in memory whole. Each chunk's complete records are read as it
// arrives (csv-parse.ts) and turned into rows at once; an unfinished record waits for the next
// chunk, so a quoted line break, a \r\n or a multi-byte character split across chunks reads the
// same as in one piece.
import { chunkDecoder } from './csv-decode.js';
import { emptyRecord, readRecord, recordCells, type CsvRecord } from './csv-parse.js';

/** Builds, from the header's cells, the converter of every later record into a row. */
export type RowReader<Row> = (header: string[]) => (record: CsvRecord) => Row;

/** What reading a body holds from chunk to chunk: the record being read, and the converter once the header is in. */
interface Reading<Row> {
  record: CsvRecord;
  rowReader: RowReader<Row>;
  toRow: ((record: CsvRecord) => Row) | undefined;
}

/** Reads the complete records of `text` from `from` into `rows` and returns where the unfinished rest starts. */
function readRows<Row>(text: string, from: number, final: boolean, reading: Reading<Row>, rows: Row[]): number {
  const { record } = reading;
  let pos = from;
  for (;;) {
    const next = readRecord(text, pos, final, record);
    if (next < 0) return pos;
    if (reading.toRow === undefined) reading.toRow = reading.rowReader(recordCells(record));
    else rows.push(reading.toRow(record));
    pos = next;
  }
}

/**
 * The text to go on with and where in it the next record starts, once the record the last chunk
 * left open (`tail`) is finished. Joining the tail to the whole chunk would make V8 copy the chunk
 * into one flat string again (a third of a download's parse time), so the tail is joined to the
 * chunk's first line only, and the rest of the chunk is read in place; only a record that goes on
 * past that line (a quoted line break) needs the whole join.
 */
function resume<Row>(tail: string, text: string, reading: Reading<Row>, rows: Row[]): [string, number] {
  if (tail === '') return [text, 0];
  const lineEnd = text.indexOf('\n') + 1;
  if (lineEnd === 0) return [tail + text, 0];
  const head = tail + text.slice(0, lineEnd);
  const open = readRows(head, 0, false, reading, rows);
  return open === head.length ? [text, lineEnd] : [head.slice(open) + text.slice(lineEnd), 0];
}

/**
 * Yields the rows of a CSV byte stream in batches, as they arrive: the first record is the
 * header, handed to `rowReader`, and every later one is converted by what it returns. Quoted
 * fields may hold commas, quotes and newlines. When a conversion throws, the rows before it are
 * yielded first, then the error is thrown.
 */
export async function* readCsvBatches<Row>(body: ReadableStream<Uint8Array>, rowReader: RowReader<Row>, signal?: AbortSignal): AsyncGenerator<Row[]> {
  const reader = body.getReader();
  const decoder = chunkDecoder();
  const reading: Reading<Row> = { record: emptyRecord(), rowReader, toRow: undefined };
  let tail = '';
  let finished = false;
  try {
    while (!finished) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      finished = done;
      const rows: Row[] = [];
      let unreadable: { error: unknown } | undefined;
      try {
        if (done) {
          const rest = tail + decoder.end();
          // A body that ends in blank space after its last record has no more rows.
          if (rest.trim() !== '') readRows(rest, 0, true, reading, rows);
        } else {
          const [text, from] = resume(tail, decoder.decode(value), reading, rows);
          tail = text.slice(readRows(text, from, false, reading, rows));
        }
      } catch (error) {
        unreadable = { error };
      }
      if (rows.length > 0) yield rows;
      if (unreadable !== undefined) throw unreadable.error;
    }
  } finally {
    // Stopped early (break, abort, error): close the connection instead of leaving it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
