// Child process of the report benchmark: runs the embedded server (its memory stays out of the
// download's), prints where it listens, and stops when its parent closes stdin.
import { startServer } from '@meterbook/usage-server';
import { DATA_NOW } from './options.js';

const scale = process.argv[2] === 'large' ? 'large' : 'demo';
const server = await startServer({ scale, now: DATA_NOW, reportDelayMs: 200 });
console.log(JSON.stringify({ url: server.url, origin: server.origin, token: server.token }));
process.stdin.resume();
process.stdin.once('end', () => void server.close().then(() => process.exit(0)));
