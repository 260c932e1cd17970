// The allow-list: every operation of the specs becomes one route at the gateway's own path
// `/api/<mount name><server path><template>`, forwarded to the upstream configured for its spec
// server. Nothing else is forwarded. Matching works on the raw (still percent-encoded) path so
// that an encoded `/`, `\` or `..` can never turn into a different path upstream.
import { GatewayError } from './errors.js';
import { hasControl } from './headers.js';
import type { ParamSchema, SpecOperation, SpecParameter } from './specs.js';

/** Names of the spec servers we know; a spec may also name its server with `x-gateway-name`. */
export const KNOWN_SERVER_NAMES: Readonly<Record<string, string>> = {
  'https://usage.bam.api.here.com/v2': 'usage',
  'https://account.api.here.com': 'here-account',
  'https://{datacenter}/api/2': 'acronis',
};

export interface Mount {
  /** e.g. `usage` */
  name: string;
  /** The spec's server URL, e.g. `https://usage.bam.api.here.com/v2` (variables at their defaults). */
  specServer: string;
  /** As written in the spec, e.g. `https://{datacenter}/api/2`. */
  specServerTemplate: string;
  /** The gateway's path for it, e.g. `/api/usage/v2`. */
  prefix: string;
  /** Where requests go, e.g. `https://usage.bam.api.here.com/v2` or a test server. */
  upstream: URL;
}

type Segment = { literal: string } | { param: SpecParameter };

export interface Route {
  mount: Mount;
  method: string;
  template: string;
  operationId: string;
  segments: Segment[];
  /** Query parameters the spec declares, by name; only these are forwarded. */
  query: Map<string, SpecParameter>;
  /** Header parameters the spec declares (lower case). */
  headers: Set<string>;
  bearer: boolean;
  hasBody: boolean;
  returnsLinks: boolean;
}

export interface Match {
  route: Route;
  /** Decoded path parameters. */
  params: Record<string, string>;
  /** The upstream path, parameters re-encoded. */
  upstreamPath: string;
}

export interface AllowList {
  mounts: Mount[];
  routes: Route[];
  /** Finds the route of a raw request path (no query), or throws a 404 / 405 GatewayError. */
  match(method: string, rawPath: string): Match;
}

/**
 * Builds mounts and routes. `upstreams` maps a spec server URL or a mount name to an upstream
 * base URL; a server without an entry goes to its own spec URL (production).
 */
export function buildAllowList(operations: SpecOperation[], upstreams: Record<string, string> = {}): AllowList {
  const mounts = new Map<string, Mount>();
  for (const op of operations) {
    if (mounts.has(op.server)) continue;
    const specUrl = new URL(op.server);
    const name = op.serverName ?? KNOWN_SERVER_NAMES[op.serverTemplate] ?? KNOWN_SERVER_NAMES[op.server] ?? specUrl.hostname.split('.')[0] ?? 'api';
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`Server ${op.server}: gateway name ${JSON.stringify(name)} must be lower-case letters, digits and '-'.`);
    const target = upstreams[name] ?? upstreams[op.server] ?? upstreams[op.serverTemplate] ?? op.server;
    const prefix = `/api/${name}${specUrl.pathname.replace(/\/+$/, '')}`;
    if ([...mounts.values()].some((m) => m.prefix === prefix)) throw new Error(`Two spec servers map to the gateway path ${prefix}; name one with x-gateway-name.`);
    mounts.set(op.server, { name, specServer: op.server, specServerTemplate: op.serverTemplate, prefix, upstream: upstreamUrl(target, op.server) });
  }
  for (const key of Object.keys(upstreams)) {
    if (![...mounts.values()].some((m) => m.specServer === key || m.specServerTemplate === key || m.name === key)) {
      throw new Error(`upstreams: ${key} is neither a server of the specs nor a gateway name (known: ${[...mounts.values()].map((m) => `${m.name} = ${m.specServer}`).join(', ')}).`);
    }
  }
  const routes = operations.map((op): Route => {
    const byName = new Map(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]));
    const segments = op.template.split('/').slice(1).map((part): Segment => {
      const m = /^\{([^{}]+)\}$/.exec(part);
      if (!m) {
        if (part.includes('{')) throw new Error(`${op.specFile}: ${op.template}: a parameter must fill a whole segment.`);
        return { literal: part };
      }
      return { param: byName.get(m[1] as string) ?? { name: m[1] as string, in: 'path', required: true, schema: {} } };
    });
    return {
      mount: mounts.get(op.server) as Mount,
      method: op.method,
      template: op.template,
      operationId: op.operationId,
      segments,
      query: new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p])),
      headers: new Set(op.parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase())),
      bearer: op.bearer,
      hasBody: op.hasBody,
      returnsLinks: op.returnsLinks,
    };
  });
  // Longest prefix first, so a mount nested in another's path is found first.
  const ordered = [...mounts.values()].sort((a, b) => b.prefix.length - a.prefix.length);

  return {
    mounts: [...mounts.values()],
    routes,
    match(method, rawPath) {
      const mount = ordered.find((m) => rawPath.startsWith(`${m.prefix}/`));
      if (!mount) throw notAllowed(method, rawPath);
      const parts = rawPath.slice(mount.prefix.length).split('/').slice(1);
      let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
      let methodMismatch: string[] = [];
      for (const route of routes) {
        if (route.mount !== mount || route.segments.length !== parts.length) continue;
        const params = matchSegments(route.segments, parts);
        if (!params) continue;
        if (route.method !== method) {
          methodMismatch.push(route.method);
          continue;
        }
        const literals = route.segments.filter((s) => 'literal' in s).length;
        if (!best || literals > best.literals) best = { route, params, literals };
      }
      if (!best) {
        methodMismatch = [...new Set(methodMismatch)];
        if (methodMismatch.length > 0) {
          throw new GatewayError(405, 'E_GATEWAY_METHOD', `${method} is not allowed on ${rawPath}; the API offers ${methodMismatch.join(', ')} there.`, { headers: { Allow: methodMismatch.join(', ') } });
        }
        throw notAllowed(method, rawPath);
      }
      const { route, params } = best;
      checkParams(route, params);
      const upstreamPath = route.segments.map((s) => ('literal' in s ? s.literal : encodeURIComponent(params[s.param.name] ?? ''))).join('/');
      return { route, params, upstreamPath: `/${upstreamPath}` };
    },
  };
}

function notAllowed(method: string, rawPath: string): GatewayError {
  return new GatewayError(404, 'E_GATEWAY_NOT_ALLOWED', `${method} ${rawPath.slice(0, 200)} is not an operation this gateway forwards.`, {
    action: 'Use the paths listed at /api (operations of the OpenAPI specs under /api/<api name>/...).',
  });
}

// A raw path segment: unreserved and sub-delim characters, ':' '@', and well-formed escapes.
const RAW_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;
// Escapes that would change the path's shape or smuggle a control character upstream.
const FORBIDDEN_ESCAPE = /%(?:2f|5c|00|2e|0a|0d|09)/i;

/** The decoded parameters when `parts` fit the template's segments, else undefined. */
function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    const raw = parts[i] as string;
    if ('literal' in seg) {
      // Literals compare raw: `%75sage` is not `usage`.
      if (raw !== seg.literal) return undefined;
      continue;
    }
    params[seg.param.name] = raw;
  }
  return params;
}

/** Refuses path parameters that are not one plain segment, or that break the spec's schema. */
function checkParams(route: Route, params: Record<string, string>): void {
  const fields: { name: string; message: string }[] = [];
  for (const seg of route.segments) {
    if (!('param' in seg)) continue;
    const name = seg.param.name;
    const raw = params[name] ?? '';
    let value: string | undefined;
    if (RAW_SEGMENT.test(raw) && !FORBIDDEN_ESCAPE.test(raw)) {
      try {
        value = decodeURIComponent(raw);
      } catch {
        value = undefined;
      }
    }
    // `.` and `..` are path steps, never values; no control characters, slashes or backslashes.
    if (value === undefined || value === '.' || value === '..' || /[/\\]/.test(value) || hasControl(value)) {
      fields.push({ name, message: 'must be one path segment (no "/", "\\", "..", encoded slashes or control characters)' });
      continue;
    }
    for (const message of schemaProblems(seg.param.schema, value)) fields.push({ name, message });
    params[name] = value;
  }
  if (fields.length > 0) {
    throw new GatewayError(400, 'E_GATEWAY_PATH', fields.map((f) => `${f.name}: ${f.message}`).join('; '), { fields });
  }
}

export function schemaProblems(schema: ParamSchema, value: string): string[] {
  const problems: string[] = [];
  if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`must be at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`must be at most ${schema.maxLength} characters`);
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) problems.push('has characters the API does not accept');
  return problems;
}

/**
 * The forwarded query: only the names the spec declares for the operation, each once (an
 * array parameter is one comma-separated value in our specs), re-encoded from the decoded values.
 */
export function forwardedQuery(route: Route, search: string): string {
  const given = new URLSearchParams(search);
  const out = new URLSearchParams();
  const fields: { name: string; message: string }[] = [];
  for (const [name, value] of given) {
    if (!route.query.has(name)) {
      fields.push({ name, message: `is not a query parameter of ${route.operationId}` });
      continue;
    }
    if (out.has(name)) {
      fields.push({ name, message: 'is given more than once' });
      continue;
    }
    if (hasControl(value) || value.length > 2048) {
      fields.push({ name, message: 'holds control characters or is too long' });
      continue;
    }
    out.append(name, value);
  }
  if (fields.length > 0) {
    throw new GatewayError(400, 'E_GATEWAY_QUERY', fields.map((f) => `${f.name}: ${f.message}`).join('; '), {
      fields,
      action: `Send only the query parameters of ${route.operationId}: ${[...route.query.keys()].join(', ') || 'none'}.`,
    });
  }
  const text = out.toString();
  return text ? `?${text}` : '';
}

function upstreamUrl(target: string, server: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`upstreams: ${JSON.stringify(target)} (for ${server}) is not a URL.`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw new Error(`upstreams: ${target} (for ${server}) must be an http(s) URL without user, password, query or fragment.`);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
