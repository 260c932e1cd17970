// Shared tools of the Acronis tests: spec-based response validation, auth headers, requests.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';
import { expect } from 'vitest';
import { SPEC_FORMATS } from '../src/acronis/router.js';
import { acronisSpecPath } from '../src/index.js';

let backend: Promise<OpenAPIBackend> | undefined;

function acronisBackend(): Promise<OpenAPIBackend> {
  backend ??= new OpenAPIBackend({ definition: parse(readFileSync(acronisSpecPath, 'utf8')), quick: true, ajvOpts: { strict: false, formats: SPEC_FORMATS } }).init();
  return backend;
}

/** Asserts a JSON response matches the Acronis spec's schema for its operation and status. */
export async function expectAcronisValid(operationId: string, res: Response, body: unknown): Promise<void> {
  const api = await acronisBackend();
  const result = api.validator.validateResponse(body, operationId, res.status);
  expect(result.errors ?? [], `${operationId} ${res.status}`).toEqual([]);
}

export interface AcronisErrorBody {
  error: { code: number | string; message: string; domain: string; details: { info: unknown }; context: object; data: { fields?: { name: string; message: string }[] } };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export function json(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...extra };
}

export function reportBody(tenantId: string, overrides: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recipients: [],
    result_action: 'save',
    parameters: { tenant_id: tenantId, level: 'all_customers', kind: 'usage_summary', formats: ['csv_v2_0', 'json_v2_0'], period: { start: '2025-05-01', end: '2025-05-31' }, ...parameters },
    schedule: { type: 'once' },
    ...overrides,
  };
}

/** Gunzips when the first bytes are the gzip magic, else reads plain text: what clients do. */
export function textOf(bytes: Buffer): string {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
