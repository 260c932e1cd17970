// fetch as a browser page at `pageOrigin` sees it: a real HTTP call, but an answer from another
// origin without a matching Access-Control-Allow-Origin is not readable, and the page only gets
// "TypeError: Failed to fetch" (what Chromium does when an API sends no CORS headers).

export function browserFetch(pageOrigin: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    if (new URL(request.url).origin === pageOrigin) return response;
    const allowed = response.headers.get('access-control-allow-origin');
    if (allowed === '*' || allowed === pageOrigin) return response;
    await response.body?.cancel();
    throw new TypeError('Failed to fetch');
  };
}
