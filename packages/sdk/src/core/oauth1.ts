// OAuth 1.0a request signing (RFC 5849) with HMAC-SHA256, through WebCrypto so it runs in
// browsers and Node alike. Used for token requests that must be signed with an app secret.

/** RFC 3986 percent-encoding, as OAuth 1.0a requires (stricter than encodeURIComponent). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface OAuth1SigningInput {
  method: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** Form body parameters, which the signature covers. */
  bodyParams?: Record<string, string>;
  nonce?: string;
  /** Seconds since the epoch. */
  timestamp?: number;
}

function baseUrlOf(url: URL): string {
  const defaultPort = (url.protocol === 'https:' && url.port === '443') || (url.protocol === 'http:' && url.port === '80');
  const host = defaultPort || url.port === '' ? url.hostname : `${url.hostname}:${url.port}`;
  return `${url.protocol}//${host.toLowerCase()}${url.pathname}`;
}

/** The signature base string: method, base URL and the sorted, encoded parameters. */
export function signatureBaseString(method: string, url: string, params: [string, string][]): string {
  const parsed = new URL(url);
  const all: [string, string][] = [...params, ...parsed.searchParams.entries()];
  const normalized = all
    .map(([key, value]) => [percentEncode(key), percentEncode(value)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return [method.toUpperCase(), percentEncode(baseUrlOf(parsed)), percentEncode(normalized)].join('&');
}

function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The `Authorization: OAuth ...` header value for the request. */
export async function oauth1Authorization(input: OAuth1SigningInput): Promise<string> {
  const oauth: [string, string][] = [
    ['oauth_consumer_key', input.consumerKey],
    ['oauth_nonce', input.nonce ?? globalThis.crypto.randomUUID().replace(/-/g, '')],
    ['oauth_signature_method', 'HMAC-SHA256'],
    ['oauth_timestamp', String(input.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_version', '1.0'],
  ];
  const base = signatureBaseString(input.method, input.url, [...oauth, ...Object.entries(input.bodyParams ?? {})]);
  const encoder = new TextEncoder();
  const key = await globalThis.crypto.subtle.importKey('raw', encoder.encode(`${percentEncode(input.consumerSecret)}&`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = toBase64(await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(base)));
  const signed: [string, string][] = [...oauth, ['oauth_signature', signature]];
  return `OAuth ${signed.map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`).join(',')}`;
}
