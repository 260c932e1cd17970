// The one CSV reader, used by every download: a byte stream in, batches of string rows out, so a
// million-row file never sits in memory whole. Each chunk's complete records are parsed as it
// arrives (csv-parse.ts); an unfinished record waits for the next chunk, so a quoted line break,
// a \r\n or a multi-byte character split across chunks reads the same as in one piece.
import { parseRecords } from './csv-parse.js';

/**
 * The text to go on with and where in it the next record starts, once the record the last chunk
 * left open (`tail`) is finished. Joining the tail to the whole chunk would make V8 copy the chunk
 * into one flat string again (a third of a download's parse time), so the tail is joined to the
 * chunk's first line only, and the rest of the chunk is read in place; only a record that goes on
 * past that line (a quoted line break) needs the whole join.
 */
function resume(tail: string, text: string, rows: string[][]): [string, number] {
  if (tail === '') return [text, 0];
  const lineEnd = text.indexOf('\n') + 1;
  if (lineEnd === 0) return [tail + text, 0];
  const head = tail + text.slice(0, lineEnd);
  const open = parseRecords(head, false, rows);
  return open === head.length ? [text, lineEnd] : [head.slice(open) + text.slice(lineEnd), 0];
}

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
      const rows: string[][] = [];
      if (done) {
        const rest = tail + decoder.decode();
        // A body that ends in blank space after its last record has no more rows.
        if (rest.trim() !== '') parseRecords(rest, true, rows);
      } else {
        const [text, from] = resume(tail, decoder.decode(value, { stream: true }), rows);
        tail = text.slice(parseRecords(text, false, rows, from));
      }
      if (rows.length > 0) yield rows;
    }
  } finally {
    // Stopped early (break, abort, error): close the connection instead of leaving it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
