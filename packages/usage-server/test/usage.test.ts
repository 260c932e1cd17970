import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { BILLING_TAGS } from '../src/data/catalog.js';
import { bearer, DAY, expectSpecValid, NOW, PARTNER, PLAIN } from './helpers.js';

type Rec = Record<string, string | number>;
interface Page { total: number; limit: number; count: number; nextOffset: number; lastOffset: number; items: Rec[] }

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ now: NOW, mode: 'test' });
});
afterAll(() => server.close());

async function usage(query: string, realm = PARTNER): Promise<{ res: Response; body: Page }> {
  const res = await fetch(`${server.url}/usage/realms/${realm}?${query}`, bearer(server.token));
  return { res, body: (await res.json()) as Page };
}

async function allPages(query: string, limit: number): Promise<{ items: Rec[]; pages: Page[] }> {
  const first = (await usage(`${query}&limit=${limit}&offset=0`)).body;
  const pages = [first];
  for (let p = 1; p <= first.lastOffset; p++) pages.push((await usage(`${query}&limit=${limit}&offset=${p}`)).body);
  return { items: pages.flatMap((p) => p.items), pages };
}

const key = (r: Rec) => JSON.stringify(r);

describe('getUsage', () => {
  it('answers a page that matches the spec, with four-decimal numbers on the wire', async () => {
    const res = await fetch(`${server.url}/usage/realms/${PARTNER}?${DAY}&limit=5`, bearer(server.token));
    const text = await res.text();
    const body = JSON.parse(text) as Page;
    await expectSpecValid('getUsage', res, body);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ limit: 5, count: 5, nextOffset: 1 });
    expect(text).toMatch(/"usageValue":\d+\.\d{4}[,}]/);
    expect(body.items[0]).not.toHaveProperty('usageDateTime');
    expect(body.items[0]?.featureId).toMatch(/^hrn:here:service::org123456789:/);
  });

  it('pages consistently: every record once, envelope right on every page', async () => {
    const { items, pages } = await allPages(DAY, 7);
    const total = pages[0]!.total;
    expect(total).toBeGreaterThan(50);
    expect(items).toHaveLength(total);
    expect(new Set(items.map(key)).size).toBe(total);
    pages.forEach((p, i) => {
      expect(p.total).toBe(total);
      expect(p.lastOffset).toBe(Math.ceil(total / 7) - 1);
      expect(p.count).toBe(p.items.length);
      expect(p.nextOffset).toBe(i < p.lastOffset ? i + 1 : p.lastOffset);
    });
    const past = (await usage(`${DAY}&limit=7&offset=${pages.length + 3}`)).body;
    expect(past).toMatchObject({ count: 0, items: [], total });
  });

  it('sorts by subscription, category, charge item, feature', async () => {
    const { items } = await allPages(DAY, 100);
    const sortKey = (r: Rec) => [r.billingSubscriptionId, r.category, r.name, r.featureId].map(String);
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [sortKey(items[i - 1]!), sortKey(items[i]!)];
      expect(a.join('\u0000') <= b.join('\u0000'), `${a} before ${b}`).toBe(true);
    }
  });

  it('is deterministic for a pinned now and seed', async () => {
    const a = await usage(`${DAY}&limit=20`);
    const other = await startServer({ now: NOW });
    try {
      const res = await fetch(`${other.url}/usage/realms/${PARTNER}?${DAY}&limit=20`, bearer(other.token));
      expect(await res.json()).toEqual(a.body);
    } finally {
      await other.close();
    }
  });

  it('has at least 10,000 hourly records over five days (the paging benchmark)', async () => {
    const { body } = await usage('startDate=2025-05-20T00:00:00&endDate=2025-05-25T00:00:00&detailLevel=hour&limit=100');
    expect(body.total).toBeGreaterThanOrEqual(10_000);
    expect(body.lastOffset).toBe(Math.ceil(body.total / 100) - 1);
    expect(body.items[0]?.usageDateTime).toMatch(/^2025-05-2\dT\d{2}:00:00$/);
  });

  it('aggregates by hour, day and month consistently', async () => {
    const range = 'startDate=2025-05-01T00:00:00&endDate=2025-05-03T00:00:00&featureId=hrn:here:service::org123456789:search-geocoding-1';
    const sum = (items: Rec[]) => items.reduce((s, r) => s + Math.round(Number(r.usageValue) * 10_000), 0);
    const hour = await allPages(`${range}&detailLevel=hour`, 100);
    const day = await allPages(`${range}&detailLevel=day`, 100);
    const month = await allPages(`${range}&detailLevel=month`, 100);
    const summarized = await allPages(range, 100);
    expect([...new Set(day.items.map((r) => r.usageDateTime))].sort()).toEqual(['2025-05-01T00:00:00', '2025-05-02T00:00:00']);
    expect(new Set(month.items.map((r) => r.usageDateTime))).toEqual(new Set(['2025-05-01T00:00:00']));
    expect(summarized.items.length).toBeGreaterThan(1); // one per subscription carrying the feature
    expect(hour.items.length).toBeGreaterThan(40);
    expect(sum(hour.items)).toBe(sum(day.items));
    expect(sum(day.items)).toBe(sum(month.items));
    expect(sum(month.items)).toBe(sum(summarized.items));
  });

  it('filters by every documented filter', async () => {
    const base = (await allPages(`${DAY}&groupBy=appId,billingTag,project`, 100)).items;
    const sample = base.find((r) => r.projectHrn && r.billingTag === 'testtag')!;
    const checks: [string, (r: Rec) => boolean][] = [
      [`featureId=${encodeURIComponent(String(sample.featureId))}`, (r) => r.featureId === sample.featureId],
      [`category=Storage`, (r) => r.category === 'Storage'],
      [`billingSubscriptionId=SUB-100245-01,SUB-100245-03`, (r) => ['SUB-100245-01', 'SUB-100245-03'].includes(String(r.billingSubscriptionId))],
      [`chargeType=nonBillable`, (r) => Number(r.billableValue) === 0],
      [`chargeType=billable`, (r) => Number(r.billableValue) > 0],
    ];
    for (const [q, ok] of checks) {
      const { items } = await allPages(`${DAY}&${q}`, 100);
      expect(items.length, q).toBeGreaterThan(0);
      expect(items.every(ok), q).toBe(true);
    }
    for (const [param, field] of [['appId', 'appId'], ['projectHrn', 'projectHrn'], ['billingTag', 'billingTag']] as const) {
      const { items } = await allPages(`${DAY}&groupBy=appId,billingTag,project&${param}=${encodeURIComponent(String(sample[field]))}`, 100);
      expect(items.length, param).toBeGreaterThan(0);
      expect(items.every((r) => r[field] === sample[field]), param).toBe(true);
    }
    const hot = (await usage(`${DAY}&channelId=hot`)).body.total;
    const cold = (await usage(`${DAY}&channelId=cold`)).body.total;
    expect(hot).toBeGreaterThan(0);
    expect(hot).toBeLessThan(cold);
  });

  it('groups by the asked properties and leaves the others out', async () => {
    const plain = (await usage(`${DAY}&limit=100`)).body;
    expect(plain.items.every((r) => !('appId' in r) && !('billingTag' in r) && !('projectHrn' in r))).toBe(true);
    const grouped = (await usage(`${DAY}&groupBy=appId,billingTag&limit=100`)).body;
    expect(grouped.total).toBeGreaterThan(plain.total);
    expect(grouped.items.every((r) => typeof r.appId === 'string' && typeof r.billingTag === 'string' && !('projectHrn' in r))).toBe(true);
    const byResource = (await allPages(`${DAY}&groupBy=resource&category=Storage`, 100)).items;
    expect(byResource.some((r) => String(r.resource).startsWith('hrn:here:data::org123456789:'))).toBe(true);
  });

  it('carries the hostile billing tags as data', async () => {
    const { items } = await allPages(`${DAY}&groupBy=billingTag`, 100);
    const tags = new Set(items.map((r) => r.billingTag));
    for (const hostile of ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1,1)', 'line one\nline two', 'tab\tseparated', '請求タグ', 'счёт', 'comma, separated']) {
      expect(tags.has(hostile), hostile).toBe(true);
    }
    expect(BILLING_TAGS.filter((t) => !tags.has(t))).toEqual([]);
  });

  it('returns only the asked usageFields', async () => {
    const { body } = await usage(`${DAY}&usageFields=realmId,featureId,usageValue&limit=3`);
    for (const r of body.items) expect(Object.keys(r).sort()).toEqual(['featureId', 'realmId', 'usageValue']);
    const timed = (await usage(`${DAY}&usageFields=name&detailLevel=day&limit=3`)).body;
    for (const r of timed.items) expect(Object.keys(r).sort()).toEqual(['name', 'usageDateTime']);
  });

  it('serves the plain organization too', async () => {
    const { res, body } = await usage(`${DAY}&limit=3`, PLAIN);
    expect(res.status).toBe(200);
    expect(body.items[0]?.realmId).toBe(PLAIN);
  });
});

describe('request validation from the spec', () => {
  const cases: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['offset=-1', 'offset'],
    ['detailLevel=weekly', 'detailLevel'],
    ['groupBy=project,color', 'groupBy'],
    ['usageFields=realmId,price', 'usageFields'],
    ['channelId=warm', 'channelId'],
    [`billingSubscriptionId=${Array.from({ length: 21 }, (_, i) => `S${i}`).join(',')}`, 'billingSubscriptionId'],
    ['unknownParam=1', 'unknownParam'],
  ];
  it.each(cases)('%s is a 400 naming %s', async (q, field) => {
    const res = await fetch(`${server.url}/usage/realms/${PARTNER}?${DAY}&${q}`, bearer(server.token));
    const body = (await res.json()) as { code: string; message: string; fields: { name: string }[] };
    expect(res.status).toBe(400);
    await expectSpecValid('getUsage', res, body);
    expect(body.code).toBe('E_VALIDATION');
    expect(body.fields.map((f) => f.name)).toContain(field);
    expect(body.message).toContain(field);
  });

  const dates: [string, string, string][] = [
    ['startDate=2025-05-01&endDate=2025-05-02T00:00:00', 'startDate', 'pattern'],
    ['endDate=2025-05-02T00:00:00', 'startDate', 'required'],
    ['startDate=2025-02-30T00:00:00&endDate=2025-03-02T00:00:00', 'startDate', 'real date'],
    ['startDate=2025-01-01T00:00:00&endDate=2025-04-07T00:00:00', 'endDate', 'at most 95 days'],
    ['startDate=2025-05-02T00:00:00&endDate=2025-05-01T00:00:00', 'endDate', 'after startDate'],
  ];
  it.each(dates)('%s is a 400 naming %s (%s)', async (q, field, words) => {
    const res = await fetch(`${server.url}/usage/realms/${PARTNER}?${q}`, bearer(server.token));
    const body = (await res.json()) as { message: string; fields: { name: string; message: string }[] };
    expect(res.status).toBe(400);
    expect(body.fields.map((f) => f.name)).toContain(field);
    expect(body.message).toContain(words === 'required' ? 'is required' : words === 'pattern' ? 'must match pattern' : words);
  });

  it('accepts exactly 95 days', async () => {
    const res = await fetch(`${server.url}/usage/realms/${PARTNER}?startDate=2025-01-01T00:00:00&endDate=2025-04-06T00:00:00&limit=1`, bearer(server.token));
    expect(res.status).toBe(200);
  });

  it('rejects a realm id the spec forbids', async () => {
    const res = await fetch(`${server.url}/usage/realms/abc?${DAY}`, bearer(server.issueToken({ realms: ['abc'] })));
    const body = (await res.json()) as { fields: { name: string }[] };
    expect(res.status).toBe(400);
    expect(body.fields[0]?.name).toBe('realmId');
  });
});
