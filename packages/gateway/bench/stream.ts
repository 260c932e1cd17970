// Benchmark: the gateway as its own process (built CLI) in front of the embedded server at scale
// 'large'. Streams the 1,000,000-row report output through it, sampling the gateway's RSS from
// /proc (Linux), and measures the latency the gateway adds: the median of 200 small sequential
// requests through it minus the median of the same requests sent directly.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@meterbook/usage-server';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as AddressInfo).port;
    s.close(() => resolve(port));
  });
});
const procMb = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const up = await startServer({ scale: 'large', now: '2025-06-01T00:00:00', reportDelayMs: 0 });
const port = await freePort();
const child = spawn(process.execPath, [cli, '--tls', 'off', '--port', String(port), '--upstream-usage', up.url, '--upstream-account', up.origin, '--rate-limit', 'off', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve, reject) => {
  child.stdout.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
  child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
});
const gw = `http://localhost:${port}/api/usage/v2`;
const pid = child.pid as number;
const auth = { Authorization: `Bearer ${up.token}` };

try {
  // Added latency: the same small call, direct and through the gateway, interleaved.
  const small = `/usage/realms/org123456789/reports?limit=1`;
  const direct: number[] = [];
  const via: number[] = [];
  for (let i = 0; i < 20; i++) {
    await (await fetch(`${up.url}${small}`, { headers: auth })).arrayBuffer();
    await (await fetch(`${gw}${small}`, { headers: auth })).arrayBuffer();
  }
  for (let i = 0; i < ROUNDS; i++) {
    for (const [base, out] of [[up.url, direct], [gw, via]] as const) {
      const t = performance.now();
      const res = await fetch(`${base}${small}`, { headers: auth });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`small request failed: ${res.status}`);
      out.push(performance.now() - t);
    }
  }

  const query = 'startDate=2025-02-26T00:00:00&endDate=2025-06-01T00:00:00&detailLevel=day&groupBy=project,billingTag,appId,resource';
  const created = await fetch(`${gw}/usage/realms/org123456789/reports?${query}`, {
    method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ subAccounts: ['org112135', 'org124566', 'org134564'] }),
  });
  const location = created.headers.get('location');
  if (created.status !== 201 || !location) throw new Error(`create failed: ${created.status}`);
  const status = (await (await fetch(location, { headers: auth })).json()) as { status: string; resultHref?: string };
  if (!status.resultHref?.startsWith(gw)) throw new Error(`unexpected resultHref ${status.resultHref}`);

  const baseline = procMb(pid, 'VmRSS');
  let peakSampled = baseline;
  const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, procMb(pid, 'VmRSS'))), 20);
  const started = performance.now();
  const res = await fetch(status.resultHref, { headers: auth });
  if (!res.ok || !res.body) throw new Error(`output failed: ${res.status}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    // Rows end with CRLF; count LF after CR (no CRLF inside quoted fields in this data).
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const hwm = procMb(pid, 'VmHWM');
  const rows = lines - 1;

  console.log(`added latency per request (median of ${ROUNDS}, GET listUsageReports limit=1): direct ${median(direct).toFixed(2)} ms, through the gateway ${median(via).toFixed(2)} ms, added ${(median(via) - median(direct)).toFixed(2)} ms`);
  console.log(`report output through the gateway: ${rows.toLocaleString('en-US')} data rows, ${(bytes / 1048576).toFixed(1)} MiB in ${seconds.toFixed(2)} s (${Math.round(bytes / 1048576 / seconds)} MiB/s)`);
  console.log(`gateway process RSS: ${baseline} MiB before the download, ${peakSampled} MiB peak sampled while streaming, ${hwm} MiB high-water mark over its whole life`);
  if (rows < 1_000_000) {
    console.error('expected at least 1,000,000 rows');
    process.exitCode = 1;
  }
} finally {
  child.kill('SIGTERM');
  await up.close();
}
