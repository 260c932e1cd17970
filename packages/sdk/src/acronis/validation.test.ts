import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../test/fake-fetch.js';
import { createAcronisClient, ValidationError, type ValidationIssue } from '../acronis.js';

const fetch = fakeFetch(() => json({}));
const client = createAcronisClient({ baseUrl: 'https://eu2-cloud.acronis.example', token: 'tok-123456', fetch });
const tenantId = 'ede9f834-70b3-476c-83d9-736f9f8c7dae';
const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

async function issuesOf(promise: Promise<unknown>): Promise<ValidationIssue[]> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return [...error.issues];
}

describe('Acronis validation from the spec', () => {
  it.each([
    ['a tenant that is not a uuid', { tenantId: 'tenant-1' }, 'parameters.tenant_id', 'Tenant id (parameters.tenant_id) must be at least 36 characters long (it has 8).'],
    ['an unknown level', { level: 'everyone' }, 'parameters.level', 'Level (parameters.level) must be one of: itself, direct_partners, all_partners, all_customers, accounts (got "everyone").'],
    ['an unknown kind', { kind: 'usage_weekly' }, 'parameters.kind', 'Kind (parameters.kind) must be one of: usage_daily, usage_summary, usage_current, usage_breakdown (got "usage_weekly").'],
    ['an unknown format', { formats: ['xlsx'] }, 'parameters.formats', 'Formats (parameters.formats), value 1, must be one of: csv, html, json_v1, csv_v2_0, json_v2_0 (got "xlsx").'],
    ['a reversed period', { period: { start: '2025-05-31', end: '2025-05-01' } }, 'parameters.period.start', 'Start (parameters.period.start) must be on or before the end (parameters.period.end) (2025-05-31 is not on or before 2025-05-01).'],
    ['a period in the future', { period: { start: '2025-05-01', end: future } }, 'parameters.period.end', `End (parameters.period.end) is in the future (${future}): usage can only be reported up to today (UTC).`],
    ['a period with usage_current', { kind: 'usage_current', period: { start: '2025-05-01', end: '2025-05-02' } }, 'parameters.period', 'Period (parameters.period) must be left out when kind (parameters.kind) is usage_current.'],
    ['a malformed date', { period: { start: '1/5/2025', end: '2025-05-02' } }, 'parameters.period.start', 'Start (parameters.period.start) must be at least 10 characters long (it has 8).'],
    ['a recipient that is not a uuid', { recipients: ['boss@example.com'] }, 'recipients', 'Recipients (recipients), value 1, must be at least 36 characters long (it has 16).'],
    ['a non-boolean flag', { showSkus: 'yes' }, 'parameters.show_skus', 'Show skus (parameters.show_skus) must be true or false (got "yes").'],
  ])('refuses %s before sending', async (_name, change, field, message) => {
    const issues = await issuesOf(client.reports.create({ tenantId, level: 'accounts', kind: 'usage_summary', period: { start: '2025-05-01', end: '2025-05-31' }, ...change } as never));
    expect(issues).toContainEqual({ field, message });
    expect(fetch.seen).toHaveLength(0);
  });

  it('checks ids, versions and formats of the other calls', async () => {
    await expect(client.reports.get('../../tenants')).rejects.toThrow(/Report id \(report_id\)/);
    await expect(client.reports.delete({ id: tenantId, version: 0 })).rejects.toThrow('Version (version) must be between 1 and 2147483647 (got 0).');
    expect(() => client.reports.download({ id: tenantId }, 'html')).toThrow('Rows can be read from csv_v2_0 or csv outputs, not html.');
    expect(() => client.reports.list('x')).toThrow(/Tenant id \(tenant_id\)/);
    expect(fetch.seen).toHaveLength(0);
  });

  it('checks the client options', () => {
    expect(() => createAcronisClient({ baseUrl: 'https://dc.example' } as never)).toThrow('Give either a token or the API client id and secret.');
    expect(() => createAcronisClient({ baseUrl: 'https://dc.example', token: 't', clientId: 'a', clientSecret: 'b' })).toThrow(/not both/);
    expect(() => createAcronisClient({ baseUrl: 'ftp://dc.example', token: 'tok-1' })).toThrow(/must be an http\(s\) URL/);
    expect(() => createAcronisClient({ baseUrl: 'https://dc.example', clientId: 'id', clientSecret: 'se cret' })).toThrow(/client secret holds spaces/);
    expect(createAcronisClient({ baseUrl: 'https://dc.example/', token: 'tok-1' }).baseUrl).toBe('https://dc.example/api/2');
  });
});
