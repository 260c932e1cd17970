// The Acronis error bodies: `{ error: { code, message, domain, details: { info }, context, data } }`
// for the API, and OAuth 2.0's `{ error, error_description }` for the token endpoint.
import { jsonReply, type Reply } from '../reply.js';
import type { RuleViolation } from './rules.js';

export const ERROR_DOMAIN = 'PlatformAccountServer';
/** Error codes of the service that the documents name, and this server's own. */
export const VERSION_MISMATCH = 1001;
export const NOT_SCHEDULED = 1002;

export interface AcronisErrorBody {
  error: {
    code: number | string;
    message: string;
    domain: string;
    details: { info: string };
    context: Record<string, unknown>;
    data: Record<string, unknown>;
  };
}

export function acronisErrorBody(status: number, message: string, extra: { code?: number; info?: string; data?: Record<string, unknown>; correlationId?: string } = {}): AcronisErrorBody {
  return {
    error: {
      code: extra.code ?? status,
      message,
      domain: ERROR_DOMAIN,
      details: { info: extra.info ?? message },
      context: extra.correlationId ? { correlation_id: extra.correlationId } : {},
      data: extra.data ?? {},
    },
  };
}

/** Thrown by the Acronis handlers; the pipeline turns it into a reply in the Acronis shape. */
export class AcronisError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { code?: number; info?: string; data?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  reply(correlationId: string): Reply {
    return jsonReply(this.status, acronisErrorBody(this.status, this.message, { ...this.extra, correlationId }), this.extra.headers);
  }
}

/** A 400 naming every rejected field (`parameters.kind: must be one of: ...`). */
export function validationFailed(fields: RuleViolation[]): AcronisError {
  return new AcronisError(400, fields.map((f) => `${f.name}: ${f.message}`).join('; '), {
    info: fields.map((f) => f.name).join(', '),
    data: { fields },
  });
}

export function tokenErrorReply(status: number, error: string, description: string, headers?: Record<string, string>): Reply {
  return jsonReply(status, { error, error_description: description }, { 'Cache-Control': 'no-store', ...headers });
}
