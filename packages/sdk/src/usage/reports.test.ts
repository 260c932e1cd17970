import { describe, expect, it } from 'vitest';
import { createUsageClient, ReportFailedError, TimeoutError, UsageValidationError } from '../index.js';
import { fakeFetch, json } from '../../test/fake-fetch.js';

const token = 'sEcReT-token-0123456789';
const ref = { realmId: 'org123456789', id: 'REPORT-1007' };
const csv =
  '"Date and time (usageDateTime)","Org ID (realmId)","Billing tag (billingTag)","Usage Amount (billableValue)","Usage Amount (usageValue)"\r\n' +
  '"2024-01-01T00:00:00","org112135","=HYPERLINK(""http://x"",""y"")","10.0000","12.5000"\r\n' +
  '"","org124566","multi\nline, with comma","","3.0000"\r\n';

function csvResponse(text: string, chunk = 17): Response {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/csv' } });
}

describe('reports', () => {
  it('waits until a report is completed, reporting each poll', async () => {
    const fetch = fakeFetch((_req, i) => json({ id: 'REPORT-1007', status: i < 2 ? 'inProgress' : 'completed', created: "2022-03-01'T'00:00:00", resultHref: i < 2 ? undefined : '/usage/realms/org123456789/reports/REPORT-1007/output' }));
    const polls: string[] = [];
    const report = await createUsageClient({ token, fetch }).reports.waitUntilDone(ref, { intervalMs: 1, onPoll: (r) => polls.push(r.status) });
    expect(polls).toEqual(['inProgress', 'inProgress', 'completed']);
    expect(report.created?.toISOString()).toBe('2022-03-01T00:00:00.000Z');
  });

  it('rejects with ReportFailedError and the reason when the report fails', async () => {
    const fetch = fakeFetch(() => json({ id: 'REPORT-1007', status: 'failed', failureReason: 'too many records' }, { headers: { 'x-correlation-id': 'corr-failed' } }));
    const error = await createUsageClient({ token, fetch }).reports.waitUntilDone(ref, { intervalMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportFailedError);
    expect((error as Error).message).toMatch(/REPORT-1007 failed: too many records/);
    expect(error).toMatchObject({ correlationId: 'corr-failed' });
  });

  it('gives up at its deadline and when aborted', async () => {
    const fetch = fakeFetch(() => json({ id: 'REPORT-1007', status: 'inProgress' }));
    const client = createUsageClient({ token, fetch });
    await expect(client.reports.waitUntilDone(ref, { intervalMs: 5, timeoutMs: 40 })).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(client.reports.waitUntilDone(ref, { intervalMs: 5_000, signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('streams typed rows from a relative resultHref, keyed by the field in parentheses', async () => {
    const fetch = fakeFetch(() => csvResponse(csv));
    const client = createUsageClient({ token, fetch, baseUrl: 'https://usage.example.test/v2' });
    const rows = await client.reports.download({ realmId: 'org123456789', id: 'REPORT-1', status: 'completed', resultHref: '/usage/realms/org123456789/reports/REPORT-1/output' });
    expect(fetch.seen[0]!.url).toBe('https://usage.example.test/v2/usage/realms/org123456789/reports/REPORT-1/output');
    expect(fetch.seen[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect(rows).toEqual([
      { usageDateTime: new Date('2024-01-01T00:00:00Z'), realmId: 'org112135', billingTag: '=HYPERLINK("http://x","y")', billableValue: 10, usageValue: 12.5 },
      { realmId: 'org124566', billingTag: 'multi\nline, with comma', usageValue: 3 },
    ]);
  });

  it('never sends the token to a foreign resultHref', async () => {
    const fetch = fakeFetch(() => csvResponse(csv));
    const client = createUsageClient({ token, fetch });
    await client.reports.download('https://downloads.elsewhere.example/report.csv');
    expect(fetch.seen[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(fetch.seen)).not.toContain(token);
  });

  it('refuses hrefs that are not http(s) and reports that are not completed, before any request', async () => {
    const fetch = fakeFetch(() => csvResponse(csv));
    const client = createUsageClient({ token, fetch });
    for (const href of ['javascript:alert(1)', 'file:///etc/passwd', '', 'http://exa mple.com/x', 'data:text/csv,a']) {
      expect(() => client.reports.download(href)).toThrow(UsageValidationError);
    }
    expect(() => client.reports.download({ realmId: 'org123456789', id: 'R', status: 'inProgress' })).toThrow(/inProgress.*waitUntilDone/);
    expect(fetch.seen).toHaveLength(0);
  });

  it('turns a body that breaks off into a typed error with the correlation id', async () => {
    const fetch = fakeFetch(() => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(csv.slice(0, 200)));
          controller.error(new TypeError('terminated'));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/csv', 'x-correlation-id': 'corr-broken' } });
    });
    const error = await createUsageClient({ token, fetch }).reports.download('https://usage.bam.api.here.com/v2/x').toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', correlationId: 'corr-broken', operation: 'getUsageReportOutput' });
  });

  it('refuses a 200 answer that is not CSV instead of returning an empty report', async () => {
    const fetch = fakeFetch(() => json({ message: 'a proxy page' }, { headers: { 'x-correlation-id': 'corr-json' } }));
    const error = await createUsageClient({ token, fetch }).reports.download('https://usage.bam.api.here.com/v2/x').toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'malformed', correlationId: 'corr-json', operation: 'getUsageReportOutput' });
    expect((error as Error).message).toMatch(/expected CSV but the answer is "application\/json"/);
  });

  it('lists reports with dates parsed from the quoted-T form', async () => {
    const fetch = fakeFetch(() => json({ total: 1, limit: 100, count: 1, nextOffset: 0, lastOffset: 0, items: [{ id: 'REPORT-100', status: 'inProgress', created: "2022-03-01'T'00:00:00", parameters: { realm: 'org1879256', startDate: "2022-03-01'T'00:00:00", endDate: '2022-07-01T00:00:00Z' } }] }));
    const [report] = await createUsageClient({ token, fetch }).reports.all({ realmId: 'org123456789' });
    expect(report?.parameters?.endDate?.toISOString()).toBe('2022-07-01T00:00:00.000Z');
    expect(new URL(fetch.seen[0]!.url).searchParams.get('sort')).toBeNull();
  });

  it('refuses an hour detail level for reports', () => {
    const client = createUsageClient({ token, fetch: fakeFetch(() => json({})) });
    return expect(client.reports.create({ realmId: 'org123456789', startDate: '2024-01-01', endDate: '2024-01-31', detailLevel: 'hour' as never })).rejects.toThrow(/Detail level \(detailLevel\) must be one of: summarized, day, month/);
  });
});
