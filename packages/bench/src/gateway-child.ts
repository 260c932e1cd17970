// The Meterbook gateway in its own process, with its default limits, in front of a usage API
// (argument: its base URL). Prints the gateway's usage base URL; stops when stdin ends.
import { startGateway } from '@meterbook/gateway';

const upstream = process.argv[2] as string;
const gateway = await startGateway({ port: 0, host: '127.0.0.1', paneDir: false, auth: 'pass-through', upstreams: { usage: upstream, 'here-account': new URL(upstream).origin } });
console.log(JSON.stringify({ url: gateway.apis.usage }));
process.stdin.resume();
process.stdin.once('end', () => void gateway.close().then(() => process.exit(0)));
