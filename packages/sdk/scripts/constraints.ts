// Reads the validation-relevant part of an OpenAPI 3.0 document: a table of parameters with
// their bounds (header parameters left out: the transport sets them), and for each operation the keys of its parameters and its body's schema, with
// local $refs resolved. Only what the validator reads is written, so the generated file stays
// small in the browser bundle: no descriptions, defaults, methods, paths or media types (the
// typed client has those from the generated types), and no formats other than `date` and
// `date-time` (which become real-date checks).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiDocument extends JsonObject {
  info: { title: string; version: string };
  servers: JsonObject[];
  paths: JsonObject;
}

const boundKeys = [
  'type',
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'required',
  'additionalProperties',
] as const;

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(document: JsonObject, value: Json | undefined): Json | undefined {
  let current = value;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) throw new Error(`Unsupported or circular $ref: ${ref}`);
    seen.add(ref);
    let target: Json | undefined = document;
    for (const part of ref.slice(2).split('/')) {
      target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    if (target === undefined) throw new Error(`Unresolved $ref: ${ref}`);
    current = target;
  }
  return current;
}

function bounds(document: JsonObject, schemaOrRef: Json | undefined): JsonObject {
  const schema = resolveRef(document, schemaOrRef);
  if (!isObject(schema)) return {};
  const out: JsonObject = {};
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) Object.assign(out, bounds(document, part));
  }
  for (const key of boundKeys) {
    const value = schema[key];
    if (value === undefined || (key === 'additionalProperties' && typeof value !== 'boolean')) continue;
    // Only the formats validation checks (real dates) travel in the browser bundle.
    if (key === 'format' && value !== 'date' && value !== 'date-time') continue;
    out[key] = value;
  }
  if (schema.items !== undefined) out.items = bounds(document, schema.items);
  if (isObject(schema.properties)) {
    const properties: JsonObject = {};
    for (const [name, property] of Object.entries(schema.properties)) properties[name] = bounds(document, property);
    out.properties = properties;
  }
  return out;
}

function parameter(document: JsonObject, entry: Json): JsonObject {
  const resolved = resolveRef(document, entry);
  if (!isObject(resolved)) throw new Error('A parameter is not an object');
  // `required` is written only when true: the file travels in browser bundles.
  const out: JsonObject = { name: resolved.name ?? '', in: resolved.in ?? '', schema: bounds(document, resolved.schema) };
  if (resolved.required === true) out.required = true;
  return out;
}

/** The table entry of a parameter: its name is left out when it is the entry's key (the validator reads it from there). */
function tableEntry(key: string, resolved: JsonObject): JsonObject {
  const entry = { ...resolved };
  if (entry.name === key) delete entry.name;
  return entry;
}

/**
 * Adds an operation's parameters to the shared table and returns their keys. Parameters that
 * several operations share through a $ref are written once (the browser bundle carries them).
 */
function parameterKeys(document: JsonObject, list: Json | undefined, table: JsonObject, owner: string): string[] {
  if (!Array.isArray(list)) return [];
  const keys: string[] = [];
  for (const entry of list) {
    const ref = isObject(entry) && typeof entry.$ref === 'string' ? entry.$ref : undefined;
    const resolved = parameter(document, entry);
    // Header parameters (X-Request-ID, X-Correlation-ID) are set by the transport, never taken
    // from a caller's values, so the validator has nothing of them to check; a required one
    // could never be given, so it fails the generation instead of every call.
    if (resolved.in === 'header') {
      if (resolved.required === true) throw new Error(`${owner}: a required header parameter (${String(resolved.name)}) cannot be given by a caller`);
      continue;
    }
    const key = ref?.startsWith('#/components/parameters/') ? ref.slice('#/components/parameters/'.length) : `${owner}.${String(resolved.name)}`;
    table[key] = tableEntry(key, resolved);
    keys.push(key);
  }
  return keys;
}

function jsonBody(document: JsonObject, requestBody: Json | undefined): Json | undefined {
  const body = resolveRef(document, requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const [mediaType, media] = Object.entries(body.content)[0] ?? [];
  if (mediaType === undefined || !isObject(media)) return undefined;
  return { required: body.required === true, schema: bounds(document, media.schema) };
}

/** A server's URL with each `{variable}` replaced by its default (the client's default base URL). */
function serverUrl(server: Json | undefined): string | undefined {
  if (!isObject(server) || typeof server.url !== 'string') return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  return server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole;
  });
}

/** The constraints of every operation of a document, keyed by operationId. */
export function extractConstraints(document: OpenApiDocument): JsonObject {
  const operations: JsonObject = {};
  const parameters: JsonObject = {};
  for (const [path, pathItemOrRef] of Object.entries(document.paths)) {
    const pathItem = resolveRef(document, pathItemOrRef);
    if (!isObject(pathItem)) continue;
    // A path on a server of its own is another service's (the HERE account service's token
    // endpoint): its request is built by the SDK's own code from checked values, never from a
    // caller's parameters, so the validator has nothing to check there.
    if (Array.isArray(pathItem.servers)) continue;
    const shared = parameterKeys(document, pathItem.parameters, parameters, path);
    for (const method of methods) {
      const operation = pathItem[method];
      if (!isObject(operation) || typeof operation.operationId !== 'string' || Array.isArray(operation.servers)) continue;
      const entry: JsonObject = { parameters: [...shared, ...parameterKeys(document, operation.parameters, parameters, operation.operationId)] };
      const body = jsonBody(document, operation.requestBody);
      if (body !== undefined) entry.body = body;
      operations[operation.operationId] = entry;
    }
  }
  const rules = document['x-meterbook-rules'];
  return {
    defaultServer: serverUrl(document.servers[0]) ?? '',
    parameters,
    operations,
    rules: isObject(rules) ? stripDescriptions(rules) : {},
  };
}

function stripDescriptions(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'description') continue;
    out[key] = isObject(entry) ? stripDescriptions(entry) : entry;
  }
  return out;
}
