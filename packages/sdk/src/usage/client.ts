import { hasSpaceOrControl } from '../core/validation.js';
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
  const issues: ValidationIssue[] = [];
  if (options.baseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.baseUrl);
    } catch {
      issues.push({ field: 'baseUrl', message: `The API base URL is not a URL (got ${JSON.stringify(String(options.baseUrl).slice(0, 80))}); e.g. ${spec.defaultServer}.` });
    }
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:') issues.push({ field: 'baseUrl', message: 'The API base URL must start with https:// (or http:// for a local server).' });
    if (url && (url.username || url.password || url.search)) issues.push({ field: 'baseUrl', message: 'The API base URL must not hold a user, password or query; pass the token as `token`.' });
  }
  if (typeof options.token === 'string' && (options.token.trim() === '' || hasSpaceOrControl(options.token.trim()))) {
    issues.push({ field: 'token', message: 'The access token is empty or holds spaces or line breaks; paste it again without them.' });
  }
  if (options.token !== undefined && typeof options.token !== 'string' && typeof options.token !== 'function') issues.push({ field: 'token', message: 'The token must be a string or a function returning one.' });
  for (const field of ['maxRetries', 'timeoutMs'] as const) {
    const value = options[field];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < (field === 'maxRetries' ? 0 : 1) || value > (field === 'maxRetries' ? 10 : 3_600_000))) {
      issues.push({ field, message: field === 'maxRetries' ? 'maxRetries must be a whole number from 0 to 10.' : 'timeoutMs must be a whole number of milliseconds from 1 to 3,600,000.' });
    }
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') issues.push({ field: 'fetch', message: 'fetch must be a function.' });
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
