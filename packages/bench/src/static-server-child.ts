// A plain Node http server that pipes one pre-written file for every GET: the floor of serving a
// report, so a download benchmark measures the client and not the server making rows. Prints
// where it listens; stops when its parent closes stdin. Argument: the file's path.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const file = process.argv[2] as string;
const size = statSync(file).size;
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': String(size) });
  createReadStream(file).pipe(response);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});
process.stdin.resume();
process.stdin.once('end', () => server.close(() => process.exit(0)));
