import { createApiContext, type ApiContext } from '../core/api-context.js';
import { checkClientOptions, type ClientOptions } from '../core/client-options.js';
import { ValidationError } from '../core/errors.js';
import { createTransport } from '../core/transport.js';
import type { paths } from '../generated/acronis-account-v2.gen.js';
import { acronisCredentials } from './credentials.js';
import { createAcronisReportCalls, type AcronisReportCalls } from './reports.js';
import { createAcronisTenantCalls, type AcronisTenantCalls } from './tenants.js';

export interface AcronisClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** The data center URL shown when the API client was created, e.g. https://eu2-cloud.acronis.com (`/api/2` is added). */
  baseUrl: string;
  /** Instead of `token`: the API client's id and secret (tokens are fetched and renewed). */
  clientId?: string;
  clientSecret?: string;
}

export interface AcronisClient {
  reports: AcronisReportCalls;
  tenants: AcronisTenantCalls;
  /** The typed openapi-fetch client, for anything the calls above do not cover. */
  raw: ApiContext<paths>['raw'];
  readonly baseUrl: string;
}

/** A client for the Acronis Cyber Platform's usage reports (Account Management API v2). */
export function createAcronisClient(options: AcronisClientOptions): AcronisClient {
  const example = 'https://eu2-cloud.acronis.com';
  const issues = checkClientOptions(options, example);
  if (typeof options.baseUrl !== 'string') issues.push({ field: 'baseUrl', message: `The data center URL is required, e.g. ${example}.` });
  const hasCredentials = options.clientId !== undefined || options.clientSecret !== undefined;
  if (options.token === undefined && !hasCredentials) issues.push({ field: 'token', message: 'Give either a token or the API client id and secret.' });
  if (options.token !== undefined && hasCredentials) issues.push({ field: 'token', message: 'Give either a token or the API client id and secret, not both.' });
  if (issues.length > 0) throw new ValidationError('createAcronisClient', issues);

  const baseUrl = /\/api\/2\/?$/.test(options.baseUrl) ? options.baseUrl.replace(/\/+$/, '') : `${options.baseUrl.replace(/\/+$/, '')}/api/2`;
  const token = options.token ?? acronisCredentials({ baseUrl, clientId: options.clientId ?? '', clientSecret: options.clientSecret ?? '', fetch: options.fetch });
  const transport = createTransport({ api: 'Acronis API', baseUrl, token, fetch: options.fetch, maxRetries: options.maxRetries, timeoutMs: options.timeoutMs, onRetry: options.onRetry });
  const context = createApiContext<paths>(transport);
  return { reports: createAcronisReportCalls(context), tenants: createAcronisTenantCalls(context), raw: context.raw, baseUrl };
}
