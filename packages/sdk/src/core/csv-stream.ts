// The one CSV reader, used by every download: a byte stream in, batches of string rows out, so a
// million-row file never sits in memory whole. Each chunk's complete records are parsed as it
// arrives (csv-parse.ts); an unfinished record waits for the next chunk, so a quoted line break,
// a \r\n or a multi-byte character split across chunks reads the same as in one piece.
import { parseRecords } from './csv-parse.js';

/**
 * Yields the rows of a CSV byte stream in batches, as they arrive. The header is the first row of
 * the first batch. Every field is a string; quoted fields may hold commas, quotes and newlines.
 */
export async function* readCsvBatches(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string[][]> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let tail = '';
  let finished = false;
  try {
    while (!finished) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      finished = done;
      const read = tail + (done ? decoder.decode() : decoder.decode(value, { stream: true }));
      // A body that ends in blank space after its last record has no more rows.
      const text = done && read.trim() === '' ? '' : read;
      const rows: string[][] = [];
      tail = text.slice(parseRecords(text, done, rows));
      if (rows.length > 0) yield rows;
    }
  } finally {
    // Stopped early (break, abort, error): close the connection instead of leaving it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
