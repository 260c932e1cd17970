// Keeps credentials out of anything a person or a log may see. A secret travels in more forms than
// the one it was given in: URL-encoded in a query or form body, and base64 or base64url inside
// `Basic base64(id:secret)`, which a server may echo back. Every form is removed, also when it
// sits inside a longer string.

const secretLikeKey = /token|secret|signature|password|key|auth|code/i;
const marker = 'REDACTED';
// A character of a base64 or base64url text, or of one URL-encoded (%2B, %2F, %3D); `=` only ends one.
const base64Char = /[\w+/%-]/;
const base64End = /[\w+/%=-]/;

/** The URL with its userinfo and the values of credential-like query parameters removed (the error factory removes known secrets). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (secretLikeKey.test(key)) parsed.searchParams.set(key, marker);
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** The text with every given secret removed: as is, URL-encoded, and base64 or base64url of any text around it. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  return redactor(secrets)(text);
}

/** `scrub` with the given secrets, prepared once for many texts (a server's log lines). */
export function redactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const plain: string[] = [];
  const cores: string[] = [];
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    const encoded = [encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
    plain.push(secret, ...encoded, ...encoded.map(lowerHex));
    // The characters of base64(...secret...) that depend on the secret alone, for each of the
    // three offsets it can start at within the 3-byte groups (base64 of `id:secret` holds one).
    const bytes = String.fromCharCode(...new TextEncoder().encode(secret));
    for (let offset = 0; offset < 3; offset++) {
      const n = offset + bytes.length;
      const core = btoa('\0'.repeat(offset) + bytes).slice(offset && offset + 1, Math.floor(n / 3) * 4 + (n % 3));
      // Shorter runs could match ordinary text by chance.
      const urlEncoded = core.replace(/\+/g, '%2B').replace(/\//g, '%2F');
      if (core.length >= 6) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'), urlEncoded, lowerHex(urlEncoded));
    }
  }
  const plainForms = plain.length > 0 ? new RegExp(plain.map(escape).join('|'), 'g') : undefined;
  const base64Forms = cores.length > 0 ? new RegExp(cores.map(escape).join('|'), 'g') : undefined;
  return (text) => removeRuns(plainForms ? text.replace(plainForms, marker) : text, base64Forms);
}

/** %2f for %2F: both are the same URL. */
function lowerHex(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
}

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** The text with each match removed together with the whole base64 run around it (it holds the id too). */
function removeRuns(text: string, pattern: RegExp | undefined): string {
  if (pattern === undefined) return text;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    let start = match.index;
    let end = start + match[0].length;
    if (start < last) continue;
    while (start > last && base64Char.test(text.charAt(start - 1))) start--;
    while (end < text.length && base64End.test(text.charAt(end))) end++;
    out += text.slice(last, start) + marker;
    last = end;
  }
  return out + text.slice(last);
}
