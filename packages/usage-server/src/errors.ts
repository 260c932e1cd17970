// The spec's `Error` body, built in one place so every error looks the same.

export interface FieldError {
  name: string;
  message: string;
}

export interface ErrorBody {
  status: number;
  code: string;
  title: string;
  message: string;
  correlationId: string;
  action?: string;
  fields?: FieldError[];
}

const TITLES: Record<number, [title: string, code: string]> = {
  400: ['Bad Request', 'E_VALIDATION'],
  401: ['Unauthorized', 'E_UNAUTHORIZED'],
  403: ['Forbidden', 'E_FORBIDDEN'],
  404: ['Not Found', 'E_NOT_FOUND'],
  405: ['Method Not Allowed', 'E_METHOD_NOT_ALLOWED'],
  413: ['Payload Too Large', 'E_PAYLOAD_TOO_LARGE'],
  429: ['Too Many Requests', 'E_TOO_MANY_REQUESTS'],
  500: ['Internal Server Error', 'E_INTERNAL'],
  502: ['Bad Gateway', 'E_BAD_GATEWAY'],
  503: ['Service Unavailable', 'E_UNAVAILABLE'],
  504: ['Gateway Timeout', 'E_GATEWAY_TIMEOUT'],
};

export function errorBody(
  status: number,
  message: string,
  correlationId: string,
  extra: { code?: string; fields?: FieldError[]; action?: string } = {},
): ErrorBody {
  const [title, code] = TITLES[status] ?? ['Error', `E_HTTP_${status}`];
  const body: ErrorBody = { status, code: extra.code ?? code, title, message, correlationId };
  if (extra.action) body.action = extra.action;
  if (extra.fields) body.fields = extra.fields;
  return body;
}

/** A 400 whose message names every rejected field, e.g. `limit: must be >= 1`. */
export function validationError(fields: FieldError[], correlationId: string): ErrorBody {
  const message = fields.map((f) => `${f.name}: ${f.message}`).join('; ');
  return errorBody(400, message, correlationId, { fields });
}

/** Thrown by handlers to answer with an error body; the pipeline turns it into a reply. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { code?: string; fields?: FieldError[]; action?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}
