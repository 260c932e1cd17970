// Loads openapi/usage-v2.yaml, the one source of truth for routes, validation and rules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { OpenAPIV3 } from 'openapi-types';

/** `x-meterbook-rules.dateRange` of the spec: which parameters bound a range, and its longest span. */
export interface DateRangeRule {
  start: string;
  end: string;
  maxDays: number;
}

export interface LoadedSpec {
  document: OpenAPIV3.Document;
  dateRange: DateRangeRule;
  /** The API's base path taken from the spec's first server (e.g. `/v2`). */
  basePath: string;
}

/** Resolved from this file so it works from `src/` (tsx, vitest) and from `dist/` alike. */
export const specPath = fileURLToPath(new URL('../../../openapi/usage-v2.yaml', import.meta.url));

let cached: LoadedSpec | undefined;

export function loadSpec(path: string = specPath): LoadedSpec {
  if (cached && path === specPath) return cached;
  const document = parse(readFileSync(path, 'utf8')) as OpenAPIV3.Document;
  const loaded: LoadedSpec = {
    document,
    dateRange: readDateRangeRule(document),
    basePath: new URL(document.servers?.[0]?.url ?? 'http://x/').pathname.replace(/\/$/, ''),
  };
  if (path === specPath) cached = loaded;
  return loaded;
}

function readDateRangeRule(document: OpenAPIV3.Document): DateRangeRule {
  const rules = (document as unknown as Record<string, unknown>)['x-meterbook-rules'];
  const rule = (rules as { dateRange?: Partial<DateRangeRule> } | undefined)?.dateRange;
  // Failing loudly beats silently dropping a rule the spec asks for.
  if (!rule || typeof rule.start !== 'string' || typeof rule.end !== 'string' || typeof rule.maxDays !== 'number') {
    throw new Error('openapi spec: x-meterbook-rules.dateRange is missing or malformed');
  }
  return { start: rule.start, end: rule.end, maxDays: rule.maxDays };
}
