// What the pane says when something fails: one sentence, what to do, and the id support asks for.

import { UsageApiError, UsageValidationError } from '@meterbook/sdk';
import { TableMissingError, TargetOccupiedError, WriteCancelledError } from '../workbook/table-writer.js';
import { corsMessage, isCorsFailure, type GatewayInfo } from './route.js';

/** Where the failed call went: lets a network failure on another origin be named as CORS. */
export interface CallSite {
  baseUrl?: string;
  pageOrigin: string;
  gateway?: GatewayInfo;
}

export function describeError(e: unknown, site?: CallSite): string {
  if (site && isCorsFailure(e, site.baseUrl, site.pageOrigin) && e instanceof UsageApiError) {
    return corsMessage(e.api === 'Acronis API' ? 'Acronis API' : 'HERE Usage API', site.gateway);
  }
  if (e instanceof UsageValidationError) {
    const issues = e.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return `Check the form. ${issues || e.message}`;
  }
  if (e instanceof UsageApiError) {
    const id = e.correlationId ? ` (correlation id ${e.correlationId})` : '';
    switch (e.kind) {
      case 'auth': return `The API refused the credentials${e.status ? ` (${e.status})` : ''}. Check the token or app keys and connect again.${id}`;
      case 'not_found': return `Not found: check the realm id or the report.${id}`;
      case 'rate_limit': return `The API is busy (too many requests). Try again in a minute.${id}`;
      case 'aborted': return 'Cancelled. The workbook was left as it was.';
      case 'timeout': return `The API did not answer in time. Try again, or use a report for big ranges.${id}`;
      case 'network': return `Could not reach the API (${e.url ?? 'network error'}). Check the base URL and your connection.${id}`;
      case 'report_failed': return `The report failed: ${e.message}${id}`;
      default: return `${e.message}${id}`;
    }
  }
  if (e instanceof TargetOccupiedError || e instanceof WriteCancelledError || e instanceof TableMissingError) return e.message;
  if (e instanceof DOMException && e.name === 'AbortError') return 'Cancelled. The workbook was left as it was.';
  if (e instanceof Error) return e.message;
  return String(e);
}
