// Benchmark: start the server at scale 'large', create the biggest partner report (3 subaccounts,
// 95 days, daily, grouped by everything), stream its CSV output over HTTP counting rows, and print
// the time and the peak RSS. Client and server share this process, so the RSS covers both.
import { startServer } from '../src/index.js';

const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);
let peak = rssMb();
const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);

const server = await startServer({ scale: 'large', now: '2025-06-01T00:00:00', reportDelayMs: 0 });
const auth = { Authorization: `Bearer ${server.token}` };
const query = 'startDate=2025-02-26T00:00:00&endDate=2025-06-01T00:00:00&detailLevel=day&groupBy=project,billingTag,appId,resource';
const created = await fetch(`${server.url}/usage/realms/org123456789/reports?${query}`, {
  method: 'POST',
  headers: { ...auth, 'Content-Type': 'application/json' },
  body: JSON.stringify({ subAccounts: ['org112135', 'org124566', 'org134564'] }),
});
const location = created.headers.get('location');
if (created.status !== 201 || !location) throw new Error(`create failed: ${created.status}`);
const status = (await (await fetch(location, { headers: auth })).json()) as { status: string; resultHref?: string };
if (!status.resultHref) throw new Error(`report not completed: ${status.status}`);

const baseline = rssMb();
const started = performance.now();
const res = await fetch(status.resultHref, { headers: auth });
if (!res.ok || !res.body) throw new Error(`output failed: ${res.status}`);
let lines = 0;
let bytes = 0;
let carry = ''; // a CRLF may straddle two chunks
const decoder = new TextDecoder();
for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
  bytes += chunk.length;
  const text = carry + decoder.decode(chunk, { stream: true });
  // Rows end with CRLF; line breaks inside quoted fields are bare LF, so CRLF counts rows exactly.
  let i = text.indexOf('\r\n');
  let last = -1;
  while (i !== -1) {
    lines++;
    last = i;
    i = text.indexOf('\r\n', i + 2);
  }
  carry = text.slice(last + 2).endsWith('\r') ? '\r' : '';
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, rssMb());
await server.close();

const rows = lines - 1; // minus the header
console.log(`report output: ${rows.toLocaleString('en-US')} data rows, ${(bytes / 1048576).toFixed(1)} MiB`);
console.log(`time: ${seconds.toFixed(2)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s)`);
console.log(`RSS before the download: ${baseline} MiB; peak RSS (server + client, one process): ${peak} MiB`);
if (rows < 1_000_000) {
  console.error('expected at least 1,000,000 rows');
  process.exit(1);
}
