// The one CSV reader, used by every download: a byte stream in, batches of string rows out, so a
// million-row file never sits in memory whole. Fields are parsed by d3-dsv; this file only finds
// where a chunk can be cut: at a line break outside quotes. In RFC 4180 CSV a line break ends a
// record exactly when the quotes before it (since the last record end) are balanced, because an
// escaped quote inside a field is written twice.
import { csvParseRows } from 'd3-dsv';

const quote = 34; // "
const newline = 10; // \n

/**
 * Yields the rows of a CSV byte stream in batches, as they arrive. The header is the first row of
 * the first batch. Every field is a string; quoted fields may hold commas, quotes and newlines.
 */
export async function* readCsvBatches(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string[][]> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  // How far `buffer` was scanned, and whether that point is inside a quoted field.
  let scanned = 0;
  let inQuotes = false;
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      buffer += decoder.decode(value, { stream: true });
      let cut = -1;
      for (let i = scanned; i < buffer.length; i++) {
        const code = buffer.charCodeAt(i);
        if (code === quote) inQuotes = !inQuotes;
        else if (code === newline && !inQuotes) cut = i;
      }
      scanned = buffer.length;
      if (cut < 0) continue;
      const rows = csvParseRows(buffer.slice(0, cut + 1));
      buffer = buffer.slice(cut + 1);
      scanned = buffer.length;
      if (rows.length > 0) yield rows;
    }
    buffer += decoder.decode();
    const rest = buffer.trim() === '' ? [] : csvParseRows(buffer);
    if (rest.length > 0) yield rest;
  } finally {
    // Stopped early (break, abort, error): close the connection instead of leaving it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
