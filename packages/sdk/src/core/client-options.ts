// The options every API client takes, and the one check of them.
import type { TokenSource } from './auth.js';
import type { RetryEvent } from './retry.js';
import type { ValidationIssue } from './errors.js';
import { checkValue, fieldLabel, hasSpaceOrControl, httpUrl } from './validation.js';

export interface ClientOptions {
  /** The API base URL. */
  baseUrl?: string;
  /** A bearer token, or a function returning one (sync or async). */
  token?: TokenSource;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** Retries after the first attempt, for calls that may be repeated (default 3). */
  maxRetries?: number;
  /** Deadline of one call, retries included (default 60,000 ms). */
  timeoutMs?: number;
  /**
   * Called before a failed call is tried again, e.g. to tell the user "the server is slowing us
   * down" when `status` is 429. It only listens: the retry happens whatever it does.
   */
  onRetry?: (event: RetryEvent) => void;
}

/** Every problem with a client's options, in plain words; `example` is a base URL to suggest. */
export function checkClientOptions(options: ClientOptions, example: string): ValidationIssue[] {
  const { baseUrl, token } = options;
  const issues: ValidationIssue[] = [];
  const require = (field: string, ok: boolean, message: string): void => {
    if (!ok) issues.push({ field, message });
  };
  if (baseUrl !== undefined) {
    require('baseUrl', httpUrl(baseUrl)?.search === '', `The API base URL must be an http(s) URL with no user, password or query, e.g. ${example}.`);
  }
  if (typeof token === 'string') require('token', token.trim() !== '' && !hasSpaceOrControl(token.trim()), 'The access token is empty or holds spaces or line breaks; paste it again without them.');
  else require('token', token === undefined || typeof token === 'function', 'The token must be a string or a function returning one.');
  require('fetch', options.fetch === undefined || typeof options.fetch === 'function', 'fetch must be a function.');
  require('onRetry', options.onRetry === undefined || typeof options.onRetry === 'function', 'onRetry must be a function.');
  for (const [field, minimum, maximum] of [['maxRetries', 0, 10], ['timeoutMs', 1, 3_600_000]] as const) {
    const value = options[field];
    if (value !== undefined) for (const message of checkValue(fieldLabel(field), value, { type: 'integer', minimum, maximum })) issues.push({ field, message });
  }
  return issues;
}

/**
 * Problems with credential values (ids, secrets, URLs) that must be present and hold no spaces:
 * the usual result of a copy and paste gone wrong. `labels` names each field for a person.
 */
export function checkCredentialFields(values: object, labels: Record<string, string>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [field, label] of Object.entries(labels)) {
    const value = (values as Record<string, unknown>)[field];
    if (typeof value !== 'string' || value.trim() === '') issues.push({ field, message: `The ${label} is missing.` });
    else if (hasSpaceOrControl(value.trim())) issues.push({ field, message: `The ${label} holds spaces or invisible characters; copy it again.` });
  }
  return issues;
}
