// Routing and request validation of the Acronis part, straight from its spec (a second
// openapi-backend instance beside the Usage API's), plus the spec's generic body rules.
import { OpenAPIBackend, type Operation, type ValidationResult } from 'openapi-backend';
import { dedupe, matchRoute, type QueryValues, type RouteMatch } from '../router.js';
import { checkBodyRules, type RuleViolation } from './rules.js';
import type { LoadedAcronisSpec } from './spec.js';

type AjvError = NonNullable<ValidationResult['errors']>[number];

/**
 * The formats the spec uses (openapi-backend 5.20 brings no ajv-formats): uuids and dates are also
 * bounded by patterns in the spec; `date-time` and `binary` only appear in responses.
 */
export const SPEC_FORMATS = {
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  binary: true,
} as const;

export class AcronisRouter {
  private constructor(
    private readonly api: OpenAPIBackend,
    private readonly spec: LoadedAcronisSpec,
  ) {}

  static async create(spec: LoadedAcronisSpec): Promise<AcronisRouter> {
    const api = new OpenAPIBackend({
      definition: structuredClone(spec.document),
      ajvOpts: { allErrors: true, strict: false, formats: SPEC_FORMATS },
      validate: true,
      quick: true,
    });
    await api.init();
    return new AcronisRouter(api, spec);
  }

  /** `path` is relative to the API base (`/reports/...`). */
  match(method: string, path: string): RouteMatch {
    return matchRoute(this.api, method, path);
  }

  /** Every rule of the spec the request breaks, one entry per field; `today` is `yyyy-mm-dd` (UTC). */
  validate(
    operation: Operation,
    req: { method: string; path: string; query: QueryValues; headers: Record<string, string>; body?: unknown },
    today: string,
  ): RuleViolation[] {
    const result = this.api.validator.validateRequest(
      { method: req.method, path: req.path, query: req.query, headers: req.headers, body: req.body },
      operation,
    );
    const fields = (result.errors ?? []).map(toViolation);
    if (fields.length === 0 && req.body !== undefined) fields.push(...checkBodyRules(this.spec.rules, req.body, today));
    return dedupe(fields);
  }
}

/** `/requestBody/parameters/kind` -> `parameters.kind`; `/query/version` -> `version`. */
function toViolation(e: AjvError): RuleViolation {
  const [where, ...rest] = e.instancePath.split('/').filter(Boolean);
  const params = e.params as Record<string, unknown>;
  const parts = [...rest];
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'required' && typeof params.missingProperty === 'string') {
    if (where === undefined && params.missingProperty === 'requestBody') return { name: 'body', message: 'is required' };
    parts.push(params.missingProperty);
    message = 'is required';
  } else if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    parts.push(params.additionalProperty);
    message = 'is not allowed';
  } else if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message = `must be one of: ${params.allowedValues.join(', ')}`;
  }
  const name = parts.join('.') || (where === 'requestBody' ? 'body' : where ?? 'request');
  return { name, message };
}
