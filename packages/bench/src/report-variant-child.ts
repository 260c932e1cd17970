// Child process of the report benchmark: downloads one report output with one mode and prints
// { ms, rows, sums, peak memory } as JSON. Run alone in its process so its peak is its own.
//   argv: <mode> <href> <apiUrl> <token> <sum|hash>
// Modes: floor (fetch + TextDecoderStream + count \n: the bytes, no CSV), udsv (a fast streaming
// parser, string rows), papaparse (the whole text, one parse), d3-dsv (the whole text, one parse:
// the embedded-server row's baseline), ours (client.reports.download, typed rows).
import { createHash } from 'node:crypto';
import { createUsageClient } from '@meterbook/sdk';
import { csvParseRows } from 'd3-dsv';
import Papa from 'papaparse';
import { inferSchema, initParser, type OnDataFn } from 'udsv';
import { memoryMonitor } from './memory.js';

export const REPORT_MODES = ['floor', 'udsv', 'papaparse', 'd3-dsv', 'ours'] as const;
export type ReportMode = (typeof REPORT_MODES)[number];

export interface VariantOutcome {
  ms: number;
  /** CPU time of the process (user + system) during the download: steadier than wall time on a busy machine. */
  cpuMs: number;
  /** CSV records after the header (lines for the floor, which does not parse). */
  rows: number;
  /** Sum of usageValue, in row order (same floats, same order: bit-equal when the data is). */
  usageSum: number;
  /** sha256 of every row in canonical form (`hash` mode only). */
  hash?: string;
  rssPeakMb: number;
  jsPeakMb: number;
  rssStartMb: number;
  jsStartMb: number;
}

const fieldOf = (header: string): string => (/\(([^()]+)\)\s*$/.exec(header)?.[1] ?? header).trim();
const NUMERIC = new Set(['usageValue', 'billableValue']);

/** Fields sorted by name, so column order does not matter, only names and values. */
function canonical(entries: [string, string][]): string {
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Counts string rows and sums their usageValue; hashes them the SDK's way when asked. */
function stringRowSink(hash: ReturnType<typeof createHash> | undefined): { add: (cells: string[]) => void; rows: () => number; sum: () => number } {
  let fields: string[] | undefined;
  let usageAt = -1;
  let rows = 0;
  let sum = 0;
  return {
    add(cells) {
      if (fields === undefined) {
        fields = cells.map(fieldOf);
        usageAt = fields.indexOf('usageValue');
        return;
      }
      rows++;
      const cell = cells[usageAt] ?? '';
      if (cell !== '') sum += Number(cell);
      if (hash) {
        // The SDK's rules, written out: an empty cell is no value, amounts are numbers.
        const entries: [string, string][] = [];
        fields.forEach((f, i) => {
          const value = cells[i] ?? '';
          if (value !== '') entries.push([f, NUMERIC.has(f) ? String(Number(value)) : value]);
        });
        hash.update(canonical(entries));
      }
    },
    rows: () => rows,
    sum: () => sum,
  };
}

/** The body as text chunks (the DOM stream type has no async iterator in TypeScript's lib). */
async function* textChunks(response: Response): AsyncGenerator<string> {
  const reader = (response.body as ReadableStream<BufferSource>).pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function get(href: string, token: string): Promise<Response> {
  const res = await fetch(href, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok || res.body === null) throw new Error(`download failed: HTTP ${res.status}`);
  return res;
}

async function main(): Promise<void> {
  const [mode, href, apiUrl, token, verify] = process.argv.slice(2) as [ReportMode, string, string, string, string];
  const hash = verify === 'hash' ? createHash('sha256') : undefined;
  const memory = memoryMonitor();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let rows = 0;
  let usageSum = 0;

  if (mode === 'floor') {
    let lines = 0;
    for await (const chunk of textChunks(await get(href, token))) for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
    rows = lines - 1;
  } else if (mode === 'udsv') {
    const sink = stringRowSink(hash);
    let parser: ReturnType<typeof initParser> | undefined;
    let carry = '';
    const onRow: OnDataFn<string[]> = (cells) => {
      sink.add(cells);
      return true;
    };
    for await (const chunk of textChunks(await get(href, token))) {
      // uDSV misreads a \r\n split across two chunks, so a trailing \r waits for the next chunk.
      const joined = carry + chunk;
      carry = joined.endsWith('\r') ? '\r' : '';
      const text = carry ? joined.slice(0, -1) : joined;
      if (parser === undefined) {
        const schema = inferSchema(text);
        sink.add(schema.cols.map((c) => c.name)); // uDSV skips the header row itself
        parser = initParser(schema);
      }
      parser.chunk<string[]>(text, parser.stringArrs, onRow);
    }
    parser?.end();
    rows = sink.rows();
    usageSum = sink.sum();
  } else if (mode === 'papaparse' || mode === 'd3-dsv') {
    const text = await (await get(href, token)).text();
    memory.sample();
    const all = mode === 'd3-dsv' ? csvParseRows(text) : Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    memory.sample();
    const sink = stringRowSink(hash);
    for (const cells of all) sink.add(cells);
    rows = sink.rows();
    usageSum = sink.sum();
  } else {
    const client = createUsageClient({ baseUrl: apiUrl, token });
    for await (const row of client.reports.download(href)) {
      rows++;
      if (row.usageValue !== undefined) usageSum += row.usageValue;
      if (hash) {
        const entries = Object.entries(row).map(([f, v]): [string, string] => [f, v instanceof Date ? v.toISOString().slice(0, 19) : String(v)]);
        hash.update(canonical(entries));
      }
    }
  }

  const peak = memory.stop();
  const cpu = process.cpuUsage(cpuStart);
  const outcome: VariantOutcome = {
    ms: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rows,
    usageSum,
    hash: hash?.digest('hex'),
    rssPeakMb: peak.rssMb,
    jsPeakMb: peak.jsMb,
    rssStartMb: memory.start.rssMb,
    jsStartMb: memory.start.jsMb,
  };
  console.log(JSON.stringify(outcome));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) await main();
