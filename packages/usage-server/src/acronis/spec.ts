// Loads openapi/acronis-account-v2.yaml: the routes, validation and rules of the Acronis part.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';
import { readBodyRules, type BodyRules } from './rules.js';

/** Where the Acronis API lives on the embedded server (the real one: `https://<dc>/api/2`). */
export const ACRONIS_BASE_PATH = '/acronis/api/2';

/** Resolved from this file so it works from `src/` (tsx, vitest) and from `dist/` alike. */
export const acronisSpecPath = fileURLToPath(new URL('../../../../openapi/acronis-account-v2.yaml', import.meta.url));

export interface LoadedAcronisSpec {
  document: OpenAPIV3.Document;
  rules: BodyRules;
}

let cached: LoadedAcronisSpec | undefined;

export function loadAcronisSpec(): LoadedAcronisSpec {
  if (cached) return cached;
  const document = parse(readFileSync(acronisSpecPath, 'utf8')) as OpenAPIV3.Document;
  const rules = (document as unknown as Record<string, unknown>)['x-meterbook-rules'];
  cached = { document, rules: readBodyRules(rules) };
  return cached;
}
