// What the pane says when something fails: one sentence of what happened and what to do, and,
// apart, the details support asks for (operation, status, request, correlation id: each once).

import { ApiError, ValidationError } from '@meterbook/sdk';
import { TableMissingError, TargetOccupiedError, WriteCancelledError } from '../workbook/table-writer.js';
import { fieldLabelOf, plainIssue } from './field-labels.js';
import { corsMessage, isCorsFailure, type GatewayInfo } from './route.js';

/** Where the failed call went: lets a network failure on another origin be named as CORS. */
export interface CallSite {
  baseUrl?: string;
  pageOrigin: string;
  gateway?: GatewayInfo;
}

export interface ErrorDetails {
  /** The API operation, e.g. `createUsageReport`. */
  operation?: string;
  status?: number;
  /** Method and URL (the SDK removes credential-like query values). */
  request?: string;
  correlationId?: string;
  requestId?: string;
}

/** An error as the pane shows it: the sentence, and a "Details" disclosure when there are any. */
export interface PlainError {
  summary: string;
  details?: ErrorDetails;
}

const CANCELLED = 'Cancelled. The workbook was left as it was.';
const originOf = (url: string): string | undefined => { try { return new URL(url).origin; } catch { return undefined; } };

/**
 * The server's own words from an SDK error message ("<api> <op> failed: HTTP 400: <words>
 * Request: … Correlation id: …"), with a leading `field:` named as the form labels it.
 */
export function serverWords(e: ApiError): string | undefined {
  const m = /failed: (?:HTTP \d{3}:? ?)?(.*?)(?: Request: .*)?(?: Correlation id: .*)?$/s.exec(e.message);
  const words = m?.[1]?.trim();
  if (!words || /^(Bad Request|Forbidden|Unauthorized|Not Found)\.?$/i.test(words)) return undefined;
  const named = words.split('; ').map((part) => part.replace(/^([A-Za-z_][\w.]*): /, (_, f: string) => `${fieldLabelOf(f)}: `)).join('; ');
  return /[.!?]$/.test(named) ? named.replace(/\.{2,}$/, '.') : `${named}.`;
}

function detailsOf(e: ApiError): ErrorDetails | undefined {
  const d: ErrorDetails = {};
  if (e.operation) d.operation = e.operation;
  if (e.status !== undefined) d.status = e.status;
  // The SDK's error URL already has credential-like query values removed (core/redact.ts).
  if (e.url) d.request = `${e.method ?? 'GET'} ${e.url}`;
  if (e.correlationId) d.correlationId = e.correlationId;
  if (e.requestId) d.requestId = e.requestId;
  return Object.keys(d).length ? d : undefined;
}

const realmOf = (url: string | undefined): string | undefined => (url ? /\/realms\/([^/?#]+)/.exec(url)?.[1] : undefined);

function apiSummary(e: ApiError): string {
  const api = e.api === 'Acronis API' ? 'Acronis' : 'The HERE Usage API';
  const said = serverWords(e);
  switch (e.kind) {
    case 'auth': {
      if (e.code === 'E_GATEWAY_ACCESS_KEY') return 'The gateway access key is wrong: enter the key your administrator gave you and connect again.';
      const realm = realmOf(e.url);
      if (e.status === 403 && realm) return `This token may not read realm ${decodeURIComponent(realm)}: check the realm (org) ID, or sign in with credentials of that org.`;
      if (e.status === 403) return `${api} refused this request for these credentials (403): check the realm or tenant, or sign in with credentials that may read it.`;
      return `${api} refused the credentials (expired or wrong): sign in again.`;
    }
    case 'not_found': return `Not found: ${said ?? 'check the realm (org) ID or the report'}${said ? ' Check it and try again.' : '.'}`;
    case 'rate_limit': return `${api} is busy (too many requests). Try again in a minute.`;
    case 'aborted': return CANCELLED;
    case 'timeout': return `${api} did not answer in time. Try again, or use a report for big ranges.`;
    case 'network': return `Could not reach ${api === 'Acronis' ? 'Acronis' : 'the HERE Usage API'}${e.url && originOf(e.url) ? ` at ${originOf(e.url)}` : ''}. Check the address and that the server is running, then try again.`;
    case 'server': return `${api} failed on its side${e.status ? ` (${e.status})` : ''}. Try again in a few minutes; if it keeps failing, send the details to support.`;
    case 'report_failed': {
      if (e.api === 'Acronis API') return 'Acronis could not make this report. Try again later; if it keeps failing, check the tenant in the Acronis console.';
      const why = said?.replace(/^report \S+ failed(?::\s*|\s*\(the server gave no reason\)\.?)/i, '');
      return `The report failed${why ? `: ${why}` : '.'} Change the report's settings or try again later.`;
    }
    case 'conflict': return `Someone changed this first${said ? `: ${said}` : '.'} Reload the list and try again.`;
    case 'malformed':
    case 'incomplete': return `${api} sent an answer that could not be read. Try again; if it keeps failing, send the details to support.`;
    default: return said ? `${api} refused the request: ${said} Change it and try again.` : `${api} refused the request${e.status ? ` (${e.status})` : ''}. Check the form and try again.`;
  }
}

/** Any error, in plain words for the pane. */
export function explainError(e: unknown, site?: CallSite): PlainError {
  if (e instanceof ValidationError) {
    const issues = e.issues.map((i) => plainIssue(i.field, i.message));
    return { summary: issues.length ? issues.join(' ') : e.message };
  }
  if (e instanceof ApiError) {
    const details = detailsOf(e);
    const summary = site && isCorsFailure(e, site.baseUrl, site.pageOrigin)
      ? corsMessage(e.api === 'Acronis API' ? 'Acronis API' : 'HERE Usage API', site.gateway)
      : apiSummary(e);
    return details ? { summary, details } : { summary };
  }
  if (e instanceof TargetOccupiedError || e instanceof WriteCancelledError || e instanceof TableMissingError) return { summary: e.message };
  if (e instanceof DOMException && e.name === 'AbortError') return { summary: CANCELLED };
  if (e instanceof Error) return { summary: e.message };
  return { summary: String(e) };
}

/** The old one-string form (summary, then status and correlation id once), for views not yet showing details. */
export function describeError(e: unknown, site?: CallSite): string {
  const { summary, details } = explainError(e, site);
  const extra = [details?.status === undefined ? '' : `HTTP ${details.status}`, details?.correlationId ? `correlation id ${details.correlationId}` : ''].filter(Boolean);
  return extra.length ? `${summary} (${extra.join(', ')})` : summary;
}
