// Routing and request validation straight from the spec (openapi-backend + ajv), plus the spec's
// own `x-meterbook-rules.dateRange`. Nothing here knows the API's paths or parameters by heart.
import { OpenAPIBackend, type Operation, type ValidationResult } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import type { FieldError } from './errors.js';
import type { LoadedSpec } from './spec.js';
import { parseApiDate } from './data/time.js';

type AjvError = NonNullable<ValidationResult['errors']>[number];
export type QueryValues = Record<string, string | string[]>;

export interface IncomingApiRequest {
  method: string;
  /** Path relative to the operation's server (`/usage/realms/x`, `/oauth2/token`). */
  path: string;
  query: QueryValues;
  headers: Record<string, string>;
  body?: unknown;
}

export type RouteMatch =
  | { kind: 'operation'; operation: Operation; params: Record<string, string> }
  | { kind: 'notFound' }
  | { kind: 'methodNotAllowed'; allow: string[] };

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/**
 * The operation of a spec that answers `method path`, with its path parameters; else whether the
 * path exists with other methods (405) or not at all (404). `accept` filters candidate operations.
 */
export function matchRoute(api: OpenAPIBackend, method: string, path: string, accept: (operation: Operation) => boolean = () => true): RouteMatch {
  const find = (m: string) => {
    const op = api.router.matchOperation({ method: m, path, headers: {} });
    return op && accept(op) ? op : undefined;
  };
  const operation = find(method);
  if (operation) {
    const parsed = api.router.parseRequest({ method, path, headers: {} }, operation);
    return { kind: 'operation', operation, params: parsed.params as Record<string, string> };
  }
  const allow = METHODS.filter((m) => find(m)).map((m) => m.toUpperCase());
  return allow.length ? { kind: 'methodNotAllowed', allow } : { kind: 'notFound' };
}

export class SpecRouter {
  private constructor(
    readonly api: OpenAPIBackend,
    private readonly spec: LoadedSpec,
  ) {}

  static async create(spec: LoadedSpec): Promise<SpecRouter> {
    const api = new OpenAPIBackend({
      // openapi-backend dereferences in place; keep the loaded document pristine.
      definition: structuredClone(spec.document),
      ajvOpts: { allErrors: true, strict: false },
      validate: true,
      // Startup must be instant: skip the ~0.7 s meta-validation of the document (the spec is
      // linted in its own package, and a test checks it) and compile validators on first use.
      quick: true,
    });
    await api.init();
    return new SpecRouter(api, spec);
  }

  /** Operations whose path item names its own server (the token endpoint) live at the root. */
  isRootOperation(operation: Operation): boolean {
    const item = this.spec.document.paths[operation.path] as OpenAPIV3.PathItemObject | undefined;
    return Boolean(item?.servers?.length);
  }

  // Matching walks every path of the spec; a paged pull asks for the same path page after page,
  // so the answers for the paths seen lately are kept (the stand-in's CPU per request is what a
  // concurrent pull waits on, as one process serves every request).
  private readonly matches = new Map<string, RouteMatch>();

  match(method: string, path: string, atRoot: boolean): RouteMatch {
    const key = `${atRoot ? 'root' : 'api'} ${method} ${path}`;
    let found = this.matches.get(key);
    if (found === undefined) {
      found = matchRoute(this.api, method, path, (op) => this.isRootOperation(op) === atRoot);
      if (this.matches.size >= 512) this.matches.clear();
      this.matches.set(key, found);
    }
    return found;
  }

  /** Every rule of the spec the request breaks, one entry per field. */
  validate(operation: Operation, req: IncomingApiRequest): FieldError[] {
    const result = this.api.validator.validateRequest(
      { method: req.method, path: req.path, query: req.query, headers: req.headers, body: req.body },
      operation,
    );
    const fields = (result.errors ?? []).map((e) => toFieldError(e, operation));
    if (fields.length === 0) fields.push(...this.dateRangeErrors(operation, req.query));
    return dedupe(fields);
  }

  private dateRangeErrors(operation: Operation, query: QueryValues): FieldError[] {
    const rule = this.spec.dateRange;
    const names = (operation.parameters ?? []).map((p) => ('name' in p ? p.name : ''));
    if (!names.includes(rule.start) || !names.includes(rule.end)) return [];
    const start = parseApiDate(String(query[rule.start]));
    const end = parseApiDate(String(query[rule.end]));
    const errors: FieldError[] = [];
    if (!start) errors.push({ name: rule.start, message: 'must be a real date and time (yyyy-MM-ddTHH:mm:ss)' });
    if (!end) errors.push({ name: rule.end, message: 'must be a real date and time (yyyy-MM-ddTHH:mm:ss)' });
    if (!start || !end) return errors;
    if (end.getTime() <= start.getTime()) return [{ name: rule.end, message: `must be after ${rule.start}` }];
    if (end.getTime() - start.getTime() > rule.maxDays * 86_400_000) {
      return [{ name: rule.end, message: `must be at most ${rule.maxDays} days after ${rule.start}` }];
    }
    return [];
  }
}

/** Turns an ajv error on `{ path, query, header, requestBody }` into the parameter's own name. */
function toFieldError(e: AjvError, operation: Operation): FieldError {
  const [where, first] = e.instancePath.split('/').filter(Boolean);
  const params = e.params as Record<string, unknown>;
  let name = first ?? '';
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'required' && typeof params.missingProperty === 'string') {
    name = first ?? params.missingProperty;
    message = first ? message : 'is required';
  } else if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    name = params.additionalProperty;
    message = 'is not allowed';
  } else if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message = `must be one of: ${params.allowedValues.join(', ')}`;
  }
  if (where === 'requestBody' && !name) name = 'body';
  if (where === 'header') {
    // Header names are lower-cased for validation; report the spelling the spec uses.
    const declared = (operation.parameters ?? []).find((p) => 'name' in p && p.in === 'header' && p.name.toLowerCase() === name);
    if (declared && 'name' in declared) name = declared.name;
  }
  return { name: name || where || 'request', message };
}

/** The field errors without repeats (a value can break one rule in two schema paths). */
export function dedupe<T extends FieldError>(fields: T[]): T[] {
  const seen = new Set<string>();
  return fields.filter((f) => {
    const key = `${f.name}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
