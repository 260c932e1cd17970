// A failure as the pane shows it: one sentence of what happened and what to do, and a "Details"
// disclosure with what support needs (operation, status, request, correlation id: each once).

import { ApiError } from '@meterbook/sdk';
import { describeError, type CallSite } from '../flows/errors.js';
import { el } from './dom.js';

export interface ErrorDetails {
  operation?: string;
  status?: number;
  /** Method and URL of the failed request (the SDK has removed any credential from it). */
  request?: string;
  correlationId?: string;
}

/** What the pane renders for a failure. */
export interface ErrorPresentation {
  summary: string;
  details?: ErrorDetails;
}

/**
 * The one adapter from today's flows/errors.ts (a sentence, often ending in the correlation id)
 * to the presentation: swap its body for pane-flows' presentation function when that lands.
 */
export function presentError(e: unknown, site?: CallSite): ErrorPresentation {
  const text = describeError(e, site);
  if (!(e instanceof ApiError) || e.kind === 'aborted') return { summary: text };
  // The id goes to Details only, so the summary does not carry it a second time.
  const summary = e.correlationId ? text.replace(` (correlation id ${e.correlationId})`, '') : text;
  const request = e.url ? `${e.method ?? 'GET'} ${e.url}` : undefined;
  const details: ErrorDetails = {
    operation: `${e.api} ${e.operation}`,
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(request ? { request } : {}),
    ...(e.correlationId ? { correlationId: e.correlationId } : {}),
  };
  return { summary, details };
}

const LABELS: [keyof ErrorDetails, string][] = [['operation', 'Operation'], ['status', 'Status'], ['request', 'Request'], ['correlationId', 'Correlation id']];

/** The summary as a paragraph, then the details (closed) as a term/value list; text nodes only. */
export function renderError(p: ErrorPresentation): HTMLElement[] {
  const out: HTMLElement[] = [el('p', { class: 'summary' }, p.summary)];
  const rows = LABELS.filter(([k]) => p.details?.[k] !== undefined);
  if (p.details && rows.length > 0) {
    const list = el('dl');
    for (const [k, label] of rows) list.append(el('dt', {}, label), el('dd', {}, String(p.details[k])));
    out.push(el('details', { class: 'error-details' }, el('summary', {}, 'Details'), list));
  }
  return out;
}
