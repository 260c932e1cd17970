// Reads the OpenAPI documents in `openapi/*.yaml` into plain operations: method, path template,
// the server it lives under, its declared parameters and what its success answer holds. Only what
// the allow-list needs is kept; `$ref`s are local (`#/components/...`) in our specs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ParamSchema {
  type?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: ParamSchema;
}

export interface SpecOperation {
  specFile: string;
  /** The spec server URL, variables filled with their defaults (a key of `upstreams`). */
  server: string;
  /** The spec server URL as written, e.g. `https://{datacenter}/api/2`. */
  serverTemplate: string;
  /** Optional `x-gateway-name` of that server in the spec. */
  serverName?: string;
  method: string;
  /** e.g. `/usage/realms/{realmId}` */
  template: string;
  operationId: string;
  parameters: SpecParameter[];
  /** True when the operation authenticates with the API's bearer token (not e.g. OAuth 1 signing). */
  bearer: boolean;
  hasBody: boolean;
  /** True when a success answer's JSON carries links (`...Href` properties) to rewrite. */
  returnsLinks: boolean;
}

type Node = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every operation of every `*.yaml` / `*.yml` document in `dir` (package.json and config sit beside them). */
export function loadSpecOperations(dir: string): SpecOperation[] {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort();
  if (files.length === 0) throw new Error(`No OpenAPI documents in ${dir}.`);
  return files.flatMap((file) => operationsOf(file, parse(readFileSync(join(dir, file), 'utf8')) as unknown));
}

export function operationsOf(file: string, doc: unknown): SpecOperation[] {
  if (!isNode(doc) || typeof doc.openapi !== 'string' || !isNode(doc.paths)) throw new Error(`${file} is not an OpenAPI 3 document.`);
  const resolve = (v: unknown): unknown => deref(doc, v);
  const rootSecurity = doc.security;
  const out: SpecOperation[] = [];
  for (const [template, rawItem] of Object.entries(doc.paths)) {
    const item = resolve(rawItem);
    if (!isNode(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isNode(op)) continue;
      // OpenAPI: the operation's servers win over the path's, which win over the document's.
      const server = firstServer(op.servers) ?? firstServer(item.servers) ?? firstServer(doc.servers);
      if (!server) throw new Error(`${file}: ${method.toUpperCase()} ${template} has no server URL.`);
      const byKey = new Map<string, SpecParameter>();
      for (const raw of [...asArray(item.parameters), ...asArray(op.parameters)]) {
        const p = resolve(raw);
        if (!isNode(p) || typeof p.name !== 'string' || typeof p.in !== 'string') continue;
        const schema = resolve(p.schema);
        byKey.set(`${p.in}:${p.name}`, {
          name: p.name,
          in: p.in as SpecParameter['in'],
          required: p.required === true,
          schema: isNode(schema) ? pickSchema(schema) : {},
        });
      }
      const security = op.security ?? rootSecurity;
      out.push({
        specFile: file,
        server: server.url,
        serverTemplate: server.template,
        serverName: server.name,
        method: method.toUpperCase(),
        template,
        operationId: typeof op.operationId === 'string' ? op.operationId : `${method} ${template}`,
        parameters: [...byKey.values()],
        bearer: usesBearer(doc, security),
        hasBody: op.requestBody !== undefined,
        returnsLinks: successHasLinks(doc, op),
      });
    }
  }
  return out;
}

function firstServer(servers: unknown): { url: string; template: string; name?: string } | undefined {
  const first = asArray(servers)[0];
  if (!isNode(first) || typeof first.url !== 'string') return undefined;
  let url = first.url;
  // Server variables take their defaults; the deployment maps the result to a real upstream.
  if (isNode(first.variables)) {
    for (const [name, v] of Object.entries(first.variables)) {
      if (isNode(v) && typeof v.default === 'string') url = url.split(`{${name}}`).join(v.default);
    }
  }
  const name = typeof first['x-gateway-name'] === 'string' ? first['x-gateway-name'] : undefined;
  return { url: url.replace(/\/+$/, ''), template: first.url.replace(/\/+$/, ''), name };
}

function usesBearer(doc: Node, security: unknown): boolean {
  const schemes = isNode(doc.components) && isNode(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  return asArray(security).some((req) =>
    isNode(req) && Object.keys(req).some((name) => {
      const s = deref(doc, schemes[name]);
      return isNode(s) && ((s.type === 'http' && String(s.scheme).toLowerCase() === 'bearer') || s.type === 'oauth2' || s.type === 'openIdConnect');
    }),
  );
}

/** Whether a 2xx JSON answer's schema has a property named like a link (`resultHref`, `href`). */
function successHasLinks(doc: Node, op: Node): boolean {
  if (!isNode(op.responses)) return false;
  for (const [status, raw] of Object.entries(op.responses)) {
    if (!/^2/.test(status)) continue;
    const response = deref(doc, raw);
    if (!isNode(response) || !isNode(response.content)) continue;
    for (const [type, media] of Object.entries(response.content)) {
      if (/json/i.test(type) && isNode(media) && schemaHasLinks(doc, media.schema, new Set())) return true;
    }
  }
  return false;
}

function schemaHasLinks(doc: Node, raw: unknown, seen: Set<unknown>): boolean {
  if (seen.has(raw)) return false;
  seen.add(raw);
  const schema = deref(doc, raw);
  if (!isNode(schema)) return false;
  if (isNode(schema.properties)) {
    for (const [name, prop] of Object.entries(schema.properties)) {
      if (/href$/i.test(name) || schemaHasLinks(doc, prop, seen)) return true;
    }
  }
  return [...asArray(schema.allOf), ...asArray(schema.oneOf), ...asArray(schema.anyOf), schema.items].some((s) => schemaHasLinks(doc, s, seen));
}

function pickSchema(s: Node): ParamSchema {
  const out: ParamSchema = {};
  if (typeof s.type === 'string') out.type = s.type;
  if (typeof s.minLength === 'number') out.minLength = s.minLength;
  if (typeof s.maxLength === 'number') out.maxLength = s.maxLength;
  if (typeof s.pattern === 'string') out.pattern = s.pattern;
  return out;
}

function deref(doc: Node, v: unknown, depth = 0): unknown {
  if (!isNode(v) || typeof v.$ref !== 'string') return v;
  if (depth > 20 || !v.$ref.startsWith('#/')) throw new Error(`Unsupported $ref ${v.$ref}: only local references are read.`);
  let node: unknown = doc;
  for (const part of v.$ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isNode(node) ? node[key] : undefined;
  }
  if (node === undefined) throw new Error(`Dangling $ref ${v.$ref}.`);
  return deref(doc, node, depth + 1);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
