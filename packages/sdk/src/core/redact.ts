// Keeps credentials out of anything a person or a log may see.

const secretLikeKey = /token|secret|signature|password|key|auth|code/i;

/** The URL with the values of credential-like query parameters replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (secretLikeKey.test(key)) parsed.searchParams.set(key, 'REDACTED');
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** The text with every occurrence of the given secrets replaced. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('REDACTED');
  }
  return out;
}
