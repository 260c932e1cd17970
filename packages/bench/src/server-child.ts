// The embedded server in its own process, as a real API server would be: its memory stays out of
// a download's and its CPU does not compete with the client's. Prints where it listens, and
// stops when its parent closes stdin. Arguments: scale (demo|large), added latency in ms.
import { startServer } from '@meterbook/usage-server';
import { DATA_NOW } from './options.js';

const scale = process.argv[2] === 'large' ? 'large' : 'demo';
const latencyMs = Number(process.argv[3] ?? 0);
const server = await startServer({ scale, now: DATA_NOW, reportDelayMs: 200, latencyMs });
console.log(JSON.stringify({ url: server.url, origin: server.origin, token: server.token }));
process.stdin.resume();
process.stdin.once('end', () => void server.close().then(() => process.exit(0)));
