import { checkValue, fieldLabel, hasSpaceOrControl, httpUrl } from '../core/validation.js';
import type { TokenSource } from '../core/auth.js';
import { ValidationError, type ValidationIssue } from '../core/errors.js';
import { createTransport } from '../core/transport.js';
import { spec } from '../generated/usage-v2.constraints.gen.js';
import { createUsageContext, type UsageRawClient } from './context.js';
import { createReportCalls, type ReportCalls } from './reports.js';
import { createUsageCalls, type UsageCalls } from './usage-calls.js';

export interface UsageClientOptions {
  /** The API base URL, ending in /v2 (default: production, https://usage.bam.api.here.com/v2). */
  baseUrl?: string;
  /** A bearer token, or a function returning one (sync or async); see `hereCredentials`. */
  token?: TokenSource;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** Retries after the first attempt, for calls that may be repeated (default 3). */
  maxRetries?: number;
  /** Deadline of one call, retries included (default 60,000 ms). */
  timeoutMs?: number;
}

export interface UsageClient {
  usage: UsageCalls;
  reports: ReportCalls;
  /** The typed openapi-fetch client, for anything the calls above do not cover. */
  raw: UsageRawClient;
  readonly baseUrl: string;
}

function checkOptions(options: UsageClientOptions): void {
  const { baseUrl, token } = options;
  const issues: ValidationIssue[] = [];
  const require = (field: string, ok: boolean, message: string): void => {
    if (!ok) issues.push({ field, message });
  };
  if (baseUrl !== undefined) {
    require('baseUrl', httpUrl(baseUrl)?.search === '', `The API base URL must be an http(s) URL with no user, password or query, e.g. ${spec.defaultServer}.`);
  }
  if (typeof token === 'string') require('token', token.trim() !== '' && !hasSpaceOrControl(token.trim()), 'The access token is empty or holds spaces or line breaks; paste it again without them.');
  else require('token', token === undefined || typeof token === 'function', 'The token must be a string or a function returning one.');
  require('fetch', options.fetch === undefined || typeof options.fetch === 'function', 'fetch must be a function.');
  for (const [field, minimum, maximum] of [['maxRetries', 0, 10], ['timeoutMs', 1, 3_600_000]] as const) {
    const value = options[field];
    if (value !== undefined) for (const message of checkValue(fieldLabel(field), value, { type: 'integer', minimum, maximum })) issues.push({ field, message });
  }
  if (issues.length > 0) throw new ValidationError('createUsageClient', issues);
}

/** A client for the HERE Cost Management Usage API v2. */
export function createUsageClient(options: UsageClientOptions = {}): UsageClient {
  checkOptions(options);
  const transport = createTransport({
    api: 'HERE Usage API',
    baseUrl: options.baseUrl ?? spec.defaultServer,
    token: typeof options.token === 'string' ? options.token.trim() : options.token,
    fetch: options.fetch,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
  });
  const context = createUsageContext(transport);
  return { usage: createUsageCalls(context), reports: createReportCalls(context), raw: context.raw, baseUrl: transport.baseUrl };
}
