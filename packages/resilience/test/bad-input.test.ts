// Hostile input to every public SDK entry point: each is refused with a UsageValidationError
// whose issues name the field, and not one request leaves (counted by the injected fetch and by
// the server). Then the pane's pure form helpers, which stand in front of the SDK.
import { createUsageClient, UsageValidationError, type UsageClient } from '@meterbook/sdk';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetRange } from '../../../apps/excel-addin/src/flows/dates.js';
import { formRange } from '../../../apps/excel-addin/src/flows/range-presets.js';
import { toParams, toUsageQuery } from '../../../apps/excel-addin/src/flows/usage-form.js';
import { DATA_NOW } from '../src/config.js';
import { HOSTILE_CASES, type HostileCase } from '../src/hostile-inputs.js';
import { findLeaks } from '../src/leaks.js';
import { Recorder } from '../src/recorder.js';
import { refusalOf } from '../src/refusal.js';

let server: RunningServer;
const recorder = new Recorder();
let client: UsageClient;
const env = () => ({ apiUrl: server.url, tokenUrl: server.credentials.tokenEndpointUrl });

beforeAll(async () => {
  server = await startServer({ now: DATA_NOW, log: recorder.log });
  client = createUsageClient({ baseUrl: server.url, token: server.token, fetch: recorder.fetch });
});

afterAll(async () => {
  await server?.close();
});

async function expectRefused(c: HostileCase): Promise<void> {
  const before = recorder.requests.length;
  const error = recorder.error(await refusalOf(() => c.call(client, env())));
  expect(error, `${c.entry}: ${c.name} was accepted`).toBeInstanceOf(UsageValidationError);
  const issues = (error as UsageValidationError).issues;
  expect(issues.map((i) => i.field), `${c.entry}: ${c.name}`).toContain(c.field);
  // A clear message: a sentence, not a stack or a code.
  for (const issue of issues) expect(issue.message.length).toBeGreaterThan(10);
  expect(recorder.requests.length, `${c.entry}: ${c.name} made a request`).toBe(before);
}

describe('hostile input to the SDK', () => {
  it('covers every public entry point with at least 40 cases', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(40);
    const entries = new Set(HOSTILE_CASES.map((c) => c.entry));
    for (const entry of ['createUsageClient', 'usage.list', 'usage.all', 'usage.csv', 'reports.create', 'reports.list', 'reports.all', 'reports.get', 'reports.waitUntilDone', 'reports.download', 'hereCredentials', 'parseCredentialsProperties']) {
      expect(entries, entry).toContain(entry);
    }
  });

  it.each(HOSTILE_CASES.map((c) => [`${c.entry}: ${c.name}`, c] as const))('refuses %s', async (_name, c) => {
    await expectRefused(c);
  });

  it('sent no request at all for any of them (fetch and server agree)', () => {
    expect(recorder.requests).toEqual([]);
    expect(server.stats().requests).toBe(0);
  });

  it('leaked no token or secret into errors, logs or requests', () => {
    expect(findLeaks(recorder, { secrets: [server.token, server.credentials.accessKeySecret], trustedOrigins: [server.origin] })).toEqual([]);
  });
});

describe("the pane's form helpers (apps/excel-addin/src/flows)", () => {
  it.each([
    ['reversed', '2025-05-10', '2025-05-01'],
    ['over 36 months', '2020-01-01', '2025-05-01'],
    ['future', '2099-01-01', '2099-01-31'],
    ['garbage', 'yesterday', '=1+1'],
    ['empty strings', '', ''],
  ])('formRange names a %s custom range in words, before any request', (_name, from, to) => {
    const r = formRange({ id: 'custom', now: new Date(DATA_NOW), from, to });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(/\w+/);
  });

  it.each([
    ['words', 'last week', 'today'],
    ['a formula', '=NOW()', '2025-05-01'],
    ['American order', '05/01/2025', '05/31/2025'],
    ['empty', '', ''],
  ])('a custom range in %s is refused', (_name, from, to) => {
    expect(() => presetRange('custom', new Date(DATA_NOW), { from, to })).toThrow(RangeError);
  });

  it('a custom range on 2025-02-30 is refused, not rolled over to March', () => {
    expect(() => presetRange('custom', new Date(DATA_NOW), { from: '2025-02-30', to: '2025-03-05' })).toThrow(RangeError);
  });

  it.each([
    ['billingTag', { billingTag: 'tag\u0007' }],
    ['groupBy', { groupBy: 'project;DROP TABLE' }],
    ['detailLevel', { detailLevel: 'minute' }],
    ['channelId', { channelId: 'warm' }],
    ['appId', { appId: 'x'.repeat(200) }],
  ])('a hostile %s typed into the usage form is refused by the SDK before any request', async (field, form) => {
    const before = recorder.requests.length;
    const query = toUsageQuery('org123456789', toParams({ startDate: '2025-05-01T00:00:00', endDate: '2025-05-02T00:00:00' }, form));
    const error = await refusalOf(() => client.usage.list(query));
    expect(error).toBeInstanceOf(UsageValidationError);
    expect((error as UsageValidationError).issues.map((i) => i.field)).toContain(field);
    expect(recorder.requests.length).toBe(before);
  });
});
