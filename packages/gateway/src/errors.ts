// The one shape of every error the gateway answers itself: the spec's `Error` schema
// (`{ status, code, title, message, correlationId }`), so the pane shows gateway refusals and
// upstream failures the same way.
import { STATUS_CODES, type ServerResponse } from 'node:http';

export interface GatewayErrorBody {
  status: number;
  code: string;
  title: string;
  message: string;
  correlationId: string;
  action?: string;
  fields?: { name: string; message: string }[];
}

/** A refusal decided while handling a request; turned into a JSON answer by the server. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { action?: string; fields?: { name: string; message: string }[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export function errorBody(status: number, code: string, message: string, correlationId: string, extra: GatewayError['extra'] = {}): GatewayErrorBody {
  const body: GatewayErrorBody = { status, code, title: STATUS_CODES[status] ?? 'Error', message, correlationId };
  if (extra.action) body.action = extra.action;
  if (extra.fields?.length) body.fields = extra.fields;
  return body;
}

/** Sends a JSON error unless an answer has already started (then the connection is cut). */
export function sendError(res: ServerResponse, error: GatewayError, correlationId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(errorBody(error.status, error.code, error.message, correlationId, error.extra));
  res.writeHead(error.status, {
    ...error.extra.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
