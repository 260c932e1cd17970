import { checkClientOptions, type ClientOptions } from '../core/client-options.js';
import { ValidationError } from '../core/errors.js';
import { createTransport } from '../core/transport.js';
import { spec } from '../generated/usage-v2.constraints.gen.js';
import { createUsageContext, type UsageRawClient } from './context.js';
import { createReportCalls, type ReportCalls } from './reports.js';
import { createUsageCalls, type UsageCalls } from './usage-calls.js';

/** Options of `createUsageClient`; `baseUrl` defaults to production, https://usage.bam.api.here.com/v2. */
export type UsageClientOptions = ClientOptions;

export interface UsageClient {
  usage: UsageCalls;
  reports: ReportCalls;
  /** The typed openapi-fetch client, for anything the calls above do not cover. */
  raw: UsageRawClient;
  readonly baseUrl: string;
}

/** A client for the HERE Cost Management Usage API v2. */
export function createUsageClient(options: UsageClientOptions = {}): UsageClient {
  const issues = checkClientOptions(options, spec.defaultServer);
  if (issues.length > 0) throw new ValidationError('createUsageClient', issues);
  const transport = createTransport({
    api: 'HERE Usage API',
    baseUrl: options.baseUrl ?? spec.defaultServer,
    token: typeof options.token === 'string' ? options.token.trim() : options.token,
    fetch: options.fetch,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    onRetry: options.onRetry,
  });
  const context = createUsageContext(transport);
  return { usage: createUsageCalls(context), reports: createReportCalls(context), raw: context.raw, baseUrl: transport.baseUrl };
}
