// An in-memory fetch for unit tests: answers from a handler and records every request it saw.

export interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type Handler = (request: Request, index: number) => Response | Promise<Response>;

export function fakeFetch(handler: Handler): typeof globalThis.fetch & { seen: Seen[] } {
  const seen: Seen[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // Like fetch(): the init (its signal) applies to the request given.
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const body = request.body ? await request.clone().text() : '';
    seen.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body });
    return handler(request, seen.length - 1);
  };
  return Object.assign(fn, { seen });
}

export function json(body: unknown, init: ResponseInit & { headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers: { 'content-type': 'application/json', ...init.headers } });
}

/** A paged usage envelope like the API's, for page `offset` of `records`. */
export function usagePage(records: unknown[], offset: number, limit: number, overrides: Record<string, unknown> = {}): Response {
  const lastOffset = Math.max(0, Math.ceil(records.length / limit) - 1);
  const items = records.slice(offset * limit, offset * limit + limit);
  return json({ total: records.length, limit, count: items.length, nextOffset: 0, lastOffset, items, ...overrides }, { headers: { 'x-correlation-id': `corr-page-${offset}` } });
}

export function records(n: number): { realmId: string; name: string; usageValue: number }[] {
  return Array.from({ length: n }, (_, i) => ({ realmId: 'org123456789', name: `item-${i}`, usageValue: i + 0.5 }));
}

export const query = { realmId: 'org123456789', startDate: '2024-01-01', endDate: '2024-02-01' } as const;

/** A real fetch that asks the embedded server for a fault on every request (test mode only). */
export function faulty(fault: string): typeof globalThis.fetch {
  return (input, init) => {
    const request = new Request(input as Request, init);
    const headers = new Headers(request.headers);
    headers.set('X-Mock-Fault', fault);
    return globalThis.fetch(new Request(request, { headers }));
  };
}
