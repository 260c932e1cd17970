// A failure as the pane shows it: one sentence of what happened and what to do, and a "Details"
// disclosure with what support needs (operation, status, request, correlation id: each once).

import { ApiError } from '@meterbook/sdk';
import { explainError, type CallSite, type ErrorDetails, type PlainError } from '../flows/errors.js';
import { el } from './dom.js';

export type { ErrorDetails } from '../flows/errors.js';

/** What the pane renders for a failure (flows/errors.ts's plain words). */
export type ErrorPresentation = PlainError;

/** The one adapter from a failure to what the pane shows: flows/errors.ts `explainError`. */
export function presentError(e: unknown, site?: CallSite): ErrorPresentation {
  const plain = explainError(e, site);
  // Support reads "HERE Usage API listUsage", not a bare operation name.
  if (!(e instanceof ApiError) || !plain.details?.operation) return plain;
  return { ...plain, details: { ...plain.details, operation: `${e.api} ${plain.details.operation}` } };
}

const LABELS: [keyof ErrorDetails, string][] = [['operation', 'Operation'], ['status', 'Status'], ['request', 'Request'], ['correlationId', 'Correlation id'], ['requestId', 'Request id']];

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
