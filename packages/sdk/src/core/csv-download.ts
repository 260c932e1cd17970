// A CSV download as batches of typed rows, the same for every API: the body unpacked if the API needs it
// (gzipIfCompressed for Acronis), fields parsed as they stream, each row converted (an unreadable value is a malformed-answer
// error), and a body that breaks off after the headers becomes an error naming the request, the
// rows read so far and the correlation id, never a silent short result.
import { answerError, UnreadableValue } from './api-context.js';
import { readCsvBatches, type RowReader } from './csv-stream.js';
import { ApiError } from './errors.js';

export interface CsvDownload<Row> {
  api: string;
  operation: string;
  response: Response;
  /** Builds the converter of one record into a row from the header row. */
  rowReader: RowReader<Row>;
  signal?: AbortSignal;
  /** Turns the body into CSV bytes, e.g. `gunzipIfCompressed`; passed in so APIs that never compress do not bundle it. */
  unpack?: (body: ReadableStream<Uint8Array>) => Promise<ReadableStream<Uint8Array>>;
}

/** Every row of the CSV body after its header, converted as it arrives, a chunk's rows at a time. */
export async function* csvRowBatches<Row>(download: CsvDownload<Row>): AsyncGenerator<Row[]> {
  const { response, signal } = download;
  if (response.body === null) return;
  const fail = (kind: 'aborted' | 'network' | 'malformed', reason: string, cause?: unknown): ApiError => answerError(kind, download.api, download.operation, response, reason, cause);
  // A proxy's error page or a JSON answer is not a report with no rows: refuse it loudly.
  const type = response.headers.get('content-type') ?? '';
  if (/json|html|xml/i.test(type)) {
    await response.body.cancel().catch(() => undefined);
    throw fail('malformed', `expected CSV but the answer is "${type}".`);
  }
  let rows = 0;
  try {
    const body = download.unpack ? await download.unpack(response.body) : response.body;
    // The rows before an unreadable one still reach the caller (the reader yields them first).
    for await (const batch of readCsvBatches(body, download.rowReader, signal)) {
      rows += batch.length;
      yield batch;
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof UnreadableValue) throw fail('malformed', `row ${rows + 1} could not be read: ${error.message}.`, error);
    if (signal?.aborted) throw fail('aborted', `the download was cancelled after ${rows} rows.`, error);
    throw fail('network', `the download broke off after ${rows} rows (${error instanceof Error ? error.message : String(error)}).`, error);
  }
}
