// What a secret may look like when it reaches a message, and that none of it survives.
import { describe, expect, it } from 'vitest';
import { redactUrl, scrub } from './redact.js';

const id = 'partner-api-client-7';
const secret = 'Zq8+t/0pL~ki_4s!eCr3t';
const pair = `${id}:${secret}`;
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const b64url = (text: string): string => Buffer.from(text).toString('base64url');

// Every form the brief names, and the text each must not keep.
const forms: Record<string, string> = {
  plain: secret,
  'base64 of id:secret': b64(pair),
  'base64url of id:secret': b64url(pair),
  'URL-encoded': encodeURIComponent(secret),
  'form-encoded': new URLSearchParams({ s: secret }).toString().slice(2),
  'URL-encoded, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  'URL-encoded base64 of id:secret': encodeURIComponent(b64(pair)),
  'base64 of secret alone': b64(secret),
  'base64 of a shifted id (other alignment)': b64(`x${pair}`),
  'base64 of two-character shift': b64(`xy${pair}`),
};

// The secret's bits that a base64 text carries, however it is aligned: none may be left.
function leaks(text: string): boolean {
  const decodable = text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? [];
  const decoded = decodable.flatMap((run) => [0, 1, 2, 3].map((cut) => Buffer.from(run.slice(cut), run.includes('-') || run.includes('_') ? 'base64url' : 'base64').toString('latin1')));
  return [text, decodeURIComponentSafe(text), ...decoded].some((candidate) => candidate.includes(secret.slice(2, -2)));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

describe('scrub', () => {
  for (const [name, form] of Object.entries(forms)) {
    it(`removes the secret ${name}, alone and inside a longer string`, () => {
      const alone = scrub(form, [secret]);
      const inside = scrub(`invalid_client: unknown client credentials ${form}, try again`, [secret]);
      expect(leaks(alone)).toBe(false);
      expect(leaks(inside)).toBe(false);
      expect(inside).toMatch(/^invalid_client: unknown client credentials .*REDACTED.*, try again$/);
    });
  }

  it('removes the whole Basic credentials, id included', () => {
    expect(scrub(`Authorization: Basic ${b64(pair)}`, [secret])).toBe('Authorization: Basic REDACTED');
  });

  it('removes every occurrence of each of several secrets', () => {
    const token = 'eyJhbGciOi.token-part.signature-part';
    expect(scrub(`${token} and ${secret} and ${token}`, [undefined, token, secret])).toBe('REDACTED and REDACTED and REDACTED');
  });

  it('leaves text without a secret as it was, and ignores values too short to be secrets', () => {
    const text = 'HTTP 400: startDate must be before endDate (YWJjZGVmZ2hpams=).';
    expect(scrub(text, [secret, 'abc', ''])).toBe(text);
    expect(scrub('the key abc is wrong', ['abc'])).toBe('the key abc is wrong');
    expect(scrub('the key abcd is wrong', ['abcd'])).toBe('the key REDACTED is wrong');
  });

  it('keeps the text that follows a base64 run', () => {
    expect(scrub(`${b64(pair)} (client) ${b64url(pair)}`, [secret])).toBe('REDACTED (client) REDACTED');
  });
});

describe('redactUrl', () => {
  it('removes a credential in the query string under a credential-like name', () => {
    const url = redactUrl(`https://api.example/v2/x?access_token=abc123&sig=1&client_secret=${encodeURIComponent(secret)}&page=2`);
    const query = new URL(url).searchParams;
    expect(query.get('access_token')).toBe('REDACTED');
    expect(query.get('client_secret')).toBe('REDACTED');
    expect(query.get('page')).toBe('2');
    expect(query.get('sig')).toBe('1');
  });

  it('removes a known secret under any name, and in the path, in every form', () => {
    const url = scrub(redactUrl(`https://api.example/v2/${encodeURIComponent(secret)}/x?note=${encodeURIComponent(b64(pair))}&q=${b64url(pair)}`), [secret]);
    expect(leaks(url)).toBe(false);
    expect(url).toBe('https://api.example/v2/REDACTED/x?note=REDACTED&q=REDACTED');
  });

  it('removes user and password of the URL', () => {
    expect(redactUrl('https://user:pass-word-1@api.example/v2')).toBe('https://api.example/v2');
  });

  it('says so instead of echoing a URL it cannot parse', () => {
    expect(redactUrl(`not a url ${secret}`)).toBe('(unparseable URL)');
  });
});

describe('scrub is exact about case', () => {
  it('leaves a word that only differs from a secret in case', () => {
    expect(scrub('Test results for TEST', ['test'])).toBe('Test results for TEST');
    expect(scrub('the test passed', ['test'])).toBe('the REDACTED passed');
  });

  it('takes %2f and %2F alike in a URL-encoded base64 form', () => {
    const basic = b64(pair);
    const lower = encodeURIComponent(basic).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
    expect(scrub(`q=${lower}`, [secret])).toBe('q=REDACTED');
  });
});

describe('scrub finds the secret at every position inside base64', () => {
  // A secret whose base64 holds both + and / (the characters base64url and URL-encoding change).
  const tricky = 'k3y>>>???value>?';

  it('uses a secret whose base64 forms differ from each other', () => {
    expect(b64(tricky)).toMatch(/\+/);
    expect(b64(tricky)).toMatch(/\//);
  });

  for (const prefix of ['', 'a', 'ab', 'abc']) {
    for (const suffix of ['', 'x', 'xy', 'xyz']) {
      it(`removes base64, base64url and URL-encoded base64 of "${prefix}<secret>${suffix}" whole`, () => {
        const text = `${prefix}${tricky}${suffix}`;
        for (const form of [b64(text), b64url(text), encodeURIComponent(b64(text))]) {
          expect(scrub(`[${form}]`, [tricky])).toBe('[REDACTED]');
        }
      });
    }
  }

  it('removes the whole Basic value, padding included', () => {
    for (const id of ['a', 'ab', 'abc']) {
      const basic = b64(`${id}:${tricky}`);
      expect(scrub(`Authorization: Basic ${basic}; next`, [tricky])).toBe('Authorization: Basic REDACTED; next');
    }
  });

  it('gives one marker for one run that holds the secret twice', () => {
    expect(scrub(`<${b64(`${tricky}${tricky}${tricky}`)}>`, [tricky])).toBe('<REDACTED>');
  });

  it('finds a five-character secret in base64, but leaves a short run that only looks like one', () => {
    expect(scrub(`x ${b64('id:abcde')} y`, ['abcde'])).toBe('x REDACTED y');
    // base64 of "abcd" starts "YWJjZ": five characters are too few to tell from a word.
    expect(scrub('see YWJjZ here', ['abcd'])).toBe('see YWJjZ here');
  });
});
