// Records everything a secret could leak through: every request the SDK makes (URL and headers,
// via a wrapped fetch), every server log line and every error the suite sees. Token endpoint
// answers are read too, so the tokens they issue join the secrets to look for.

export interface RecordedRequest {
  url: string;
  method: string;
  headers: [string, string][];
}

export class Recorder {
  readonly requests: RecordedRequest[] = [];
  readonly logs: string[] = [];
  readonly errors: unknown[] = [];
  /** Tokens issued by a token endpoint during the run. */
  readonly issuedTokens: string[] = [];

  /** A fetch for the SDK that records each request and then really sends it. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    this.requests.push({ url: request.url, method: request.method, headers: [...request.headers.entries()] });
    const response = await globalThis.fetch(request);
    if (new URL(request.url).pathname.endsWith('/oauth2/token') && response.ok) {
      const body = (await response.clone().json().catch(() => ({}))) as { access_token?: unknown };
      if (typeof body.access_token === 'string') this.issuedTokens.push(body.access_token);
    }
    return response;
  };

  /** For the server's `log` option. */
  readonly log = (line: string): void => {
    this.logs.push(line);
  };

  /** Keeps an error for the leak scan and returns it. */
  error<T>(error: T): T {
    this.errors.push(error);
    return error;
  }

  /** How many requests went to this origin. */
  requestsTo(origin: string): number {
    return this.requests.filter((r) => new URL(r.url).origin === origin).length;
  }
}
