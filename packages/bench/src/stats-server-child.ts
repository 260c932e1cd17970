// The embedded server in its own process (as in server-child.ts) that also tells its request
// counts: each line on stdin ("stats", or "reset" to start counting afresh) is answered with one
// JSON line of stats, so a benchmark counts requests where they arrive. Stops when stdin ends.
// Arguments: added latency in ms.
import { createInterface } from 'node:readline';
import { startServer } from '@meterbook/usage-server';
import { DATA_NOW } from './options.js';

const latencyMs = Number(process.argv[2] ?? 0);
const server = await startServer({ now: DATA_NOW, latencyMs });
console.log(JSON.stringify({ url: server.url, token: server.token }));
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'reset') server.resetStats();
  console.log(JSON.stringify(server.stats()));
});
lines.once('close', () => void server.close().then(() => process.exit(0)));
