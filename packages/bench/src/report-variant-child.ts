// Child process of the report benchmark: downloads one report output with one variant and prints
// { ms, rows, digest, peak memory } as JSON. Run alone in its process so its peak is its own.
//   argv: <baseline|ours> <resultHref> <apiUrl> <token> <sum|hash>
import { createHash } from 'node:crypto';
import { createUsageClient } from '@meterbook/sdk';
import { csvParseRows } from 'd3-dsv';
import { memoryMonitor } from './memory.js';

export interface VariantOutcome {
  ms: number;
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

const [variant, href, apiUrl, token, mode] = process.argv.slice(2) as [string, string, string, string, string];
const hash = mode === 'hash' ? createHash('sha256') : undefined;
const fieldOf = (header: string): string => (/\(([^()]+)\)\s*$/.exec(header)?.[1] ?? header).trim();
const NUMERIC = new Set(['usageValue', 'billableValue']);

const memory = memoryMonitor();
const started = performance.now();
let rows = 0;
let usageSum = 0;

if (variant === 'baseline') {
  // By hand: the whole text, then one parse with the same CSV library the SDK streams with (d3-dsv).
  const res = await fetch(href, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
  const text = await res.text();
  memory.sample();
  const [header = [], ...all] = csvParseRows(text);
  memory.sample();
  const fields = header.map(fieldOf);
  const usageAt = fields.indexOf('usageValue');
  for (const cells of all) {
    rows++;
    const cell = cells[usageAt] ?? '';
    if (cell !== '') usageSum += Number(cell);
    if (hash) {
      // The SDK's rules, written out: an empty cell is no value, amounts are numbers.
      const entries: [string, string][] = [];
      fields.forEach((f, i) => {
        const cell = cells[i] ?? '';
        if (cell !== '') entries.push([f, NUMERIC.has(f) ? String(Number(cell)) : cell]);
      });
      hash.update(canonical(entries));
    }
  }
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
const outcome: VariantOutcome = {
  ms: performance.now() - started,
  rows,
  usageSum,
  hash: hash?.digest('hex'),
  rssPeakMb: peak.rssMb,
  jsPeakMb: peak.jsMb,
  rssStartMb: memory.start.rssMb,
  jsStartMb: memory.start.jsMb,
};
console.log(JSON.stringify(outcome));

/** Fields sorted by name, so column order does not matter, only names and values. */
function canonical(entries: [string, string][]): string {
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
