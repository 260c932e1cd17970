// A plain Node http server that answers one paged query from pages written out beforehand: the
// floor of serving a page, so a paged-pull benchmark measures the client and the latency, not the
// stand-in server making and serializing records (about 1.4 ms a page, one page at a time).
// Argument: a JSON file `{ path, query, pages }` (the query without `offset`, the page bodies in
// order) and the added latency in ms. A request for another path or query gets 404, so a client
// that asks for something else cannot pass on these pages. Prints where it listens; stops when its
// parent closes stdin.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PagesFile {
  /** The request path the pages answer, e.g. `/v2/usage/realms/org123456789`. */
  path: string;
  /** Every query parameter but `offset`, as the client sends them. */
  query: Record<string, string>;
  pages: string[];
}

/** The query parameters in one order, so two spellings of the same query compare equal. */
function canonicalQuery(params: URLSearchParams): string {
  return [...params].filter(([name]) => name !== 'offset').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
}

const file = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as PagesFile;
const latencyMs = Number(process.argv[3] ?? 0);
const bodies = file.pages.map((page) => Buffer.from(page));
const expected = canonicalQuery(new URLSearchParams(file.query));
let correlation = 0;

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://pages');
  const body = url.pathname === file.path && canonicalQuery(url.searchParams) === expected ? bodies[Number(url.searchParams.get('offset') ?? 0)] : undefined;
  setTimeout(() => {
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"title":"not one of the written pages"}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length), 'x-correlation-id': `pages-${++correlation}` });
    response.end(body);
  }, latencyMs);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});
process.stdin.resume();
process.stdin.once('end', () => server.close(() => process.exit(0)));
