// The secret scan: a token or an app secret must appear in no log line, no error (message,
// stack, properties, cause chain) and no request, except the bearer token in the Authorization
// header of requests to the API's own origin (and the signed OAuth header to the token endpoint,
// which carries a signature, never the secret). A secret counts in every form the SDK redacts (as
// is, URL-encoded, base64/base64url of `id:secret`): the scan uses the SDK's own rule, not a copy.
import { secretRedactor } from '@meterbook/sdk/node';
import type { Recorder } from './recorder.js';

/** Every string reachable from an error: message, stack, own properties, causes, nested errors. */
export function errorTexts(error: unknown, seen = new Set<unknown>()): string[] {
  if (error === null || error === undefined || seen.has(error)) return [];
  if (typeof error !== 'object') return [String(error)];
  seen.add(error);
  const texts: string[] = [];
  if (error instanceof Error) texts.push(error.message, error.stack ?? '', error.name);
  for (const key of Reflect.ownKeys(error)) {
    const value: unknown = (error as Record<string | symbol, unknown>)[key];
    if (typeof value === 'string') texts.push(value);
    else if (typeof value === 'number' || typeof value === 'boolean') texts.push(String(value));
    else if (typeof value === 'object') texts.push(...errorTexts(value, seen));
  }
  if (error instanceof Error && error.cause !== undefined) texts.push(...errorTexts(error.cause, seen));
  return texts;
}

export interface LeakScan {
  /** The secrets looked for (token, app secret, issued tokens). */
  secrets: readonly string[];
  /** Origins that may receive `Authorization` (the API's and the token endpoint's). */
  trustedOrigins: readonly string[];
}

/** Every leak found, one line each; empty when clean. */
export function findLeaks(recorder: Recorder, scan: LeakScan): string[] {
  const secrets = [...new Set([...scan.secrets, ...recorder.issuedTokens])].filter((s) => s.length >= 8);
  const leaks: string[] = [];
  const redact = secretRedactor(secrets);
  // Anything the redactor would change holds a secret in one of its forms.
  const hit = (text: string): boolean => redact(text) !== text;
  recorder.logs.forEach((line, i) => {
    if (hit(line)) leaks.push(`log line ${i}: ${line.slice(0, 120)}`);
  });
  recorder.errors.forEach((error, i) => {
    const text = errorTexts(error).find(hit);
    if (text !== undefined) leaks.push(`error ${i} (${error instanceof Error ? error.name : typeof error}): ${text.slice(0, 120)}`);
  });
  for (const request of recorder.requests) {
    const origin = new URL(request.url).origin;
    if (hit(request.url)) leaks.push(`request URL ${request.method} ${request.url.slice(0, 120)}`);
    for (const [name, value] of request.headers) {
      if (name === 'authorization') {
        if (!scan.trustedOrigins.includes(origin)) leaks.push(`Authorization header sent to ${origin}`);
        // A bearer token to its own API is the point; any other secret in the header is not.
        const bearer = /^Bearer (.+)$/.exec(value)?.[1];
        const others = secretRedactor(secrets.filter((s) => s !== bearer));
        if (others(value) !== value) leaks.push(`Authorization header to ${origin} holds a secret besides its bearer token`);
      } else if (hit(value)) {
        leaks.push(`header ${name} to ${origin}`);
      }
    }
  }
  return leaks;
}
