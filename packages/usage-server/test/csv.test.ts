import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { bearer, DAY, expectSpecValid, NOW, parseCsv, PARTNER } from './helpers.js';

const HEADER = [
  'Date and time (usageDateTime)', 'Org ID (realmId)', 'Category (category)', 'App ID (appId)', 'Item (featureId)',
  'Subscription ID (billingSubscriptionId)', 'Resource ID (resourceHrn)', 'Item description (name)', 'Unit (valueDriver)',
  'Project ID (projectHrn)', 'Billing tag (billingTag)', 'Usage Amount (billableValue)', 'Charge Number (billingChargeNumber)',
  'Usage Amount (usageValue)',
];

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ now: NOW });
});
afterAll(() => server.close());

const csv = (query: string) => fetch(`${server.url}/usage/realms/${PARTNER}/csv?${query}`, bearer(server.token));

describe('getUsageCsv', () => {
  it('writes the documented header, every field quoted, CRLF line ends, four decimals', async () => {
    const res = await csv(DAY);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe(HEADER.map((h) => `"${h}"`).join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(HEADER);
    const json = await fetch(`${server.url}/usage/realms/${PARTNER}?${DAY}&limit=1`, bearer(server.token));
    expect(rows.length - 1).toBe(((await json.json()) as { total: number }).total);
    for (const line of text.split('\r\n').slice(1, -1)) expect(line).toMatch(/^"[^]*"$/);
    const r = rows[1]!;
    expect(r[0]).toBe(''); // summarized: no date
    expect(r[11]).toMatch(/^\d+\.\d{4}$/);
    expect(r[13]).toMatch(/^\d+\.\d{4}$/);
  });

  it('keeps hostile billing tags as quoted text (quotes doubled, newlines inside quotes)', async () => {
    const text = await (await csv(`${DAY}&groupBy=billingTag`)).text();
    expect(text).toContain('"=HYPERLINK(""http://evil.example"",""click"")"');
    expect(text).toContain('"line one\nline two"');
    const tags = new Set(parseCsv(text).slice(1).map((r) => r[10]));
    for (const t of ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1,1)', 'say "cheese"', 'comma, separated', 'tab\tseparated', '請求タグ', 'счёт']) {
      expect(tags.has(t), t).toBe(true);
    }
  });

  it('carries dates when timed, and only the asked columns with usageFields', async () => {
    const rows = parseCsv(await (await csv(`${DAY}&detailLevel=hour&usageFields=realmId,usageValue`)).text());
    expect(rows[0]).toEqual(['Date and time (usageDateTime)', 'Org ID (realmId)', 'Usage Amount (usageValue)']);
    expect(rows[1]?.[0]).toMatch(/^2025-05-01T\d{2}:00:00$/);
  });

  it('serves up to 20,000 records and answers 400 past that', async () => {
    const ok = await csv('startDate=2025-05-20T00:00:00&endDate=2025-05-25T00:00:00&detailLevel=hour');
    expect(ok.status).toBe(200);
    const rows = parseCsv(await ok.text()).length - 1;
    expect(rows).toBeGreaterThan(10_000);
    expect(rows).toBeLessThanOrEqual(20_000);
    const tooMany = await csv('startDate=2025-05-01T00:00:00&endDate=2025-05-15T00:00:00&detailLevel=hour');
    const body = (await tooMany.json()) as { code: string; message: string; fields: { name: string }[] };
    expect(tooMany.status).toBe(400);
    await expectSpecValid('getUsageCsv', tooMany, body);
    expect(body.code).toBe('E_TOO_MANY_RECORDS');
    expect(body.message).toMatch(/at most 20000.*Narrow the date range/);
    expect(body.fields[0]?.name).toBe('endDate');
  });

  it('validates like the JSON operation', async () => {
    const res = await csv('startDate=2025-05-01T00:00:00&endDate=2025-05-01T00:00:00');
    const body = (await res.json()) as { fields: { name: string }[] };
    expect(res.status).toBe(400);
    await expectSpecValid('getUsageCsv', res, body);
    expect(body.fields[0]?.name).toBe('endDate');
  });
});
