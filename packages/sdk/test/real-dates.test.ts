// Integration: dates the spec calls `format: date` must be real dates; an impossible one is refused
// in the caller's words before any request reaches the embedded server.
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcronisClient, type AcronisClient } from '../src/acronis.js';
import { ValidationError } from '../src/index.js';

let server: RunningServer;
let client: AcronisClient;

beforeAll(async () => {
  server = await startServer({ mode: 'test', acronisReportDelayMs: 10 });
  // A fixed token: no token request is counted either.
  client = createAcronisClient({ baseUrl: server.acronis.baseUrl, token: server.acronis.token });
});

afterAll(async () => {
  await server.close();
});

async function refusal(call: () => Promise<unknown>): Promise<ValidationError> {
  const before = server.stats().requests;
  const error = await call().then(() => undefined, (e: unknown) => e);
  expect(server.stats().requests - before).toBe(0);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('Acronis report periods are real dates', () => {
  const create = (period: { start: string; end: string }) => () => client.reports.create({ tenantId: server.acronis.tenantId, level: 'accounts', kind: 'usage_summary', period });

  it('refuses 2025-02-30 as the end, naming the field', async () => {
    const error = await refusal(create({ start: '2025-02-01', end: '2025-02-30' }));
    expect(error.issues).toEqual([{ field: 'parameters.period.end', message: 'End (parameters.period.end) must be a real date, e.g. 2025-02-28 (got "2025-02-30").' }]);
  });

  it('refuses month 13 as the start, naming the field', async () => {
    const error = await refusal(create({ start: '2025-13-01', end: '2025-12-31' }));
    expect(error.issues).toEqual([{ field: 'parameters.period.start', message: 'Start (parameters.period.start) must be a real date, e.g. 2025-02-28 (got "2025-13-01").' }]);
  });

  it('refuses both at once, and the report update too', async () => {
    const error = await refusal(create({ start: '2024-02-30', end: '2025-04-31' }));
    expect(error.issues.map((issue) => issue.field)).toEqual(['parameters.period.start', 'parameters.period.end']);
    const report = await client.reports.create({ tenantId: server.acronis.tenantId, level: 'accounts', kind: 'usage_summary', period: { start: '2024-02-28', end: '2024-02-29' } });
    const update = await refusal(() => client.reports.update(report, { parameters: { ...report.parameters, period: { start: '2024-02-28', end: '2023-02-29' } } }));
    expect(update.issues.map((issue) => issue.field)).toEqual(['parameters.period.end']);
  });

  it('sends a real date, a leap day included', async () => {
    const before = server.stats().requests;
    const report = await create({ start: '2024-02-29', end: '2024-03-31' })();
    expect(report.parameters.period).toEqual({ start: '2024-02-29', end: '2024-03-31' });
    expect(server.stats().requests - before).toBe(1);
  });
});
