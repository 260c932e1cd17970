// Splits a write into blocks sized by bytes, not rows: Excel on the web rejects a request over 5 MB,
// and the size counts the values' text, so wide or long-text rows need smaller blocks.

/** Default payload per `context.sync()`: well under the web's 5 MB cap. */
export const DEFAULT_MAX_CHUNK_BYTES = 1_000_000;

/** JSON length of one row as sent in a batch (values plus their number formats). */
export function rowBytes(values: readonly unknown[], formats?: readonly unknown[]): number {
  return JSON.stringify(values).length + (formats ? JSON.stringify(formats).length : 0) + 1;
}

export interface Chunk<T> {
  start: number;
  rows: T[];
  bytes: number;
}

/** Yields consecutive blocks whose byte size stays under `maxBytes` (one row at least). */
export function* chunkByBytes<T>(rows: readonly T[], size: (row: T) => number, maxBytes: number): Generator<Chunk<T>> {
  let start = 0;
  let block: T[] = [];
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as T;
    const b = size(row);
    if (block.length > 0 && bytes + b > maxBytes) {
      yield { start, rows: block, bytes };
      start = i;
      block = [];
      bytes = 0;
    }
    block.push(row);
    bytes += b;
  }
  if (block.length > 0) yield { start, rows: block, bytes };
}

/** Lets the host breathe between blocks (desktop Excel restarts an add-in silent for 5 s). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
