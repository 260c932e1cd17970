import { describe, expect, it } from 'vitest';
import { createUsageClient, UsageValidationError, type ValidationIssue } from '../index.js';
import { fakeFetch, json } from '../../test/fake-fetch.js';

const fetch = fakeFetch(() => json({ total: 0, limit: 100, items: [] }));
const client = createUsageClient({ token: 'tok-123456', fetch });
const valid = { realmId: 'org123456789', startDate: '2024-01-01', endDate: '2024-02-01' };

function issuesOf(params: Record<string, unknown>): ValidationIssue[] {
  try {
    client.usage.all(params as never);
  } catch (error) {
    if (error instanceof UsageValidationError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('validation from the spec', () => {
  it.each([
    ['a missing realm', { realmId: undefined }, 'realmId', 'Realm id (realmId) is required.'],
    ['a short realm', { realmId: 'org1' }, 'realmId', 'Realm id (realmId) must be at least 5 characters long (it has 4).'],
    ['a long realm', { realmId: 'o'.repeat(31) }, 'realmId', 'Realm id (realmId) must be at most 30 characters long (it has 31).'],
    ['a missing start', { startDate: undefined }, 'startDate', 'Start date (startDate) is required.'],
    ['an unreadable start', { startDate: 'yesterday' }, 'startDate', 'Start date (startDate) is not a real date: use a Date, or text like 2024-01-31 or 2024-01-31T00:00:00 (UTC). Got "yesterday".'],
    ['a date that does not exist', { endDate: '2024-02-31' }, 'endDate', 'End date (endDate) is not a real date: use a Date, or text like 2024-01-31 or 2024-01-31T00:00:00 (UTC). Got "2024-02-31".'],
    ['an invalid Date', { startDate: new Date('nope') }, 'startDate', 'Start date (startDate) is not a real date: use a Date, or text like 2024-01-31 or 2024-01-31T00:00:00 (UTC). Got "Invalid Date".'],
    ['a reversed range', { startDate: '2024-03-01', endDate: '2024-02-01' }, 'startDate', 'Start date (startDate) must be before the end date (endDate) (2024-03-01T00:00:00 is not before 2024-02-01T00:00:00).'],
    ['a 96-day range', { startDate: '2024-01-01', endDate: '2024-04-06' }, 'endDate', 'The date range is 96 days long; at most 95 days are allowed. Choose a shorter range, or split it into several.'],
    ['a long billing tag', { billingTag: 'x'.repeat(501) }, 'billingTag', 'Billing tag (billingTag) must be at most 500 characters long (it has 501).'],
    ['a long feature id', { featureId: 'f'.repeat(257) }, 'featureId', 'Feature id (featureId) must be at most 256 characters long (it has 257).'],
    ['a long app id', { appId: 'a'.repeat(129) }, 'appId', 'App id (appId) must be at most 128 characters long (it has 129).'],
    ['a long category', { category: 'c'.repeat(129) }, 'category', 'Category (category) must be at most 128 characters long (it has 129).'],
    ['a long project', { projectHrn: 'p'.repeat(257) }, 'projectHrn', 'Project hrn (projectHrn) must be at most 256 characters long (it has 257).'],
    ['a wrong channel', { channelId: 'warm' }, 'channelId', 'Channel id (channelId) must be one of: hot, cold (got "warm").'],
    ['a wrong detail level', { detailLevel: 'week' }, 'detailLevel', 'Detail level (detailLevel) must be one of: summarized, hour, day, month (got "week").'],
    ['too many subscriptions', { billingSubscriptionId: Array.from({ length: 21 }, (_, i) => `s${i}`) }, 'billingSubscriptionId', 'Billing subscription id (billingSubscriptionId) takes at most 20 values (it has 21).'],
    ['an empty subscription list', { billingSubscriptionId: [] }, 'billingSubscriptionId', 'Billing subscription id (billingSubscriptionId) needs at least 1 value (it has 0).'],
    ['a subscription list that is not a list', { billingSubscriptionId: 'abc' }, 'billingSubscriptionId', 'Billing subscription id (billingSubscriptionId) must be a list of values.'],
    ['an unknown usage field', { usageFields: ['realmId', 'price'] }, 'usageFields', 'Usage fields (usageFields), value 2, must be one of: realmId, featureId, billingSubscriptionId, billingChargeNumber, category, name, valueDriver, usageValue, billableValue, resource (got "price").'],
    ['a repeated usage field', { usageFields: ['realmId', 'realmId'] }, 'usageFields', 'Usage fields (usageFields) lists the same value twice.'],
    ['a wrong group', { groupBy: 'appId,price' }, 'groupBy', 'Group by (groupBy) is not in the expected form (got "appId,price").'],
    ['a path in the realm', { realmId: '../../oauth2/token' }, 'realmId', 'Realm id (realmId) is not in the expected form (got "../../oauth2/token").'],
    ['full-width digits in the realm', { realmId: 'org１２３４５' }, 'realmId', 'Realm id (realmId) is not in the expected form (got "org１２３４５").'],
    ['a control character', { billingTag: 'tag\u0000' }, 'billingTag', 'Billing tag (billingTag) contains an invisible control character; remove it (often it comes from copying and pasting).'],
    ['a number for text', { appId: 42 }, 'appId', 'App id (appId) must be text (got number).'],
    ['a misspelt parameter', { startdate: '2024-01-01' }, 'startdate', '"startdate" is not a parameter of this request: did you mean startDate?'],
  ])('refuses %s', (_name, change, field, message) => {
    const issues = issuesOf({ ...valid, ...change });
    expect(issues).toContainEqual({ field, message });
  });

  it('lists every problem at once and sends nothing', () => {
    const issues = issuesOf({ realmId: 'x', startDate: '2024-05-01', endDate: '2024-01-01', channelId: 'x', billingTag: 'y'.repeat(600) });
    expect(issues.map((i) => i.field).sort()).toEqual(['billingTag', 'channelId', 'realmId', 'startDate']);
    expect(fetch.seen).toHaveLength(0);
  });

  it('checks page limits and offsets of a single page', async () => {
    await expect(client.usage.list({ ...valid, limit: 0 })).rejects.toThrow('Limit (limit) must be between 1 and 100 (got 0).');
    await expect(client.usage.list({ ...valid, limit: 101 })).rejects.toThrow('Limit (limit) must be between 1 and 100 (got 101).');
    await expect(client.usage.list({ ...valid, limit: 2.5 })).rejects.toThrow('Limit (limit) must be a whole number (got 2.5).');
    await expect(client.usage.list({ ...valid, offset: -1 })).rejects.toThrow('Offset (offset) must be between 0 and 1000000 (got -1).');
    expect(fetch.seen).toHaveLength(0);
  });

  it('checks report ids and subaccounts', async () => {
    await expect(client.reports.get({ realmId: 'org123456789', reportId: '../../etc/passwd' })).rejects.toThrow('Report id (reportId) is not in the expected form');
    await expect(client.reports.create({ ...valid, subAccounts: ['org1'] })).rejects.toThrow('Sub accounts (subAccounts), value 1, must be at least 5 characters long (it has 4).');
    await expect(client.reports.create({ ...valid, subAccounts: 'org112135' as never })).rejects.toThrow('Sub accounts (subAccounts) must be a list of values.');
    expect(fetch.seen).toHaveLength(0);
  });

  it('accepts Dates, ISO strings and lists', () => {
    expect(issuesOf({ ...valid, startDate: new Date('2024-01-01T00:00:00Z'), endDate: '2024-03-31T10:00:00+02:00', groupBy: ['appId', 'billingTag'], billingSubscriptionId: ['a', 'b'] })).toEqual([]);
  });

  it('checks the client options', () => {
    for (const baseUrl of ['not a url', 'ftp://x.example/v2', 'https://u:p@x.example/v2', 'https://x.example/v2?token=abc', 'javascript:alert(1)']) {
      expect(() => createUsageClient({ baseUrl })).toThrow('The API base URL must be an http(s) URL with no user, password or query, e.g. https://usage.bam.api.here.com/v2.');
    }
    expect(() => createUsageClient({ token: 'abc\r\nX-Injected: 1' })).toThrow(/spaces or line breaks/);
    expect(() => createUsageClient({ maxRetries: -1 })).toThrow('Max retries (maxRetries) must be between 0 and 10 (got -1).');
    expect(() => createUsageClient({ timeoutMs: 0 })).toThrow('Timeout ms (timeoutMs) must be between 1 and 3600000 (got 0).');
    expect(() => createUsageClient({ token: 42 as never })).toThrow('The token must be a string or a function returning one.');
  });
});
