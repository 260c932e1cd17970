// A history table whose server's clock moves as the pane's does: pulled from a server whose data
// ends at T1, refreshed a day later from one whose data ends at T2 (same seed, same address, as a
// real API a day on). The closed months kept from the first pull must still equal a full pull at
// T2 row for row: that holds only because the server's past data does not move with its clock.

import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, describe, expect, it } from 'vitest';
import { makeClient, type HereConnection } from '../../src/flows/connection.js';
import { insertUsage, type FlowDeps } from '../../src/flows/pull.js';
import { formRange } from '../../src/flows/range-presets.js';
import { refreshTable } from '../../src/flows/refresh.js';
import { PreviewWorkbook } from '../../src/workbook/preview-workbook.js';
import { PreviewWriter } from '../../src/workbook/preview-writer.js';
import { QueryStore } from '../../src/workbook/query-store.js';
import type { TableWriter } from '../../src/workbook/table-writer.js';

const REALM = 'org987654321';
const T1 = new Date('2026-06-10T12:00:00Z');
const T2 = new Date('2026-06-11T12:00:00Z');
const apiNow = (d: Date) => d.toISOString().slice(0, 19);

let server: RunningServer | undefined;
afterAll(async () => { await server?.close(); });

function depsAt(here: HereConnection, writer: TableWriter, now: Date): FlowDeps {
  return { client: makeClient(here), writer, store: new QueryStore(writer.settings), baseUrl: here.baseUrl, now: () => now };
}

function last12(now: Date) {
  const r = formRange({ id: 'last12Months', now });
  if (!r.ok) throw new Error(r.message);
  return { params: { ...r.range.params, detailLevel: 'day' }, rule: r.range.rule };
}

describe('a history table refreshed against a server a day later', () => {
  it('keeps its closed months and equals a full pull at the new time, row for row', async () => {
    server = await startServer({ now: apiNow(T1) });
    const connect = (s: RunningServer): HereConnection =>
      ({ source: 'here', route: 'direct', baseUrl: s.url, realmId: REALM, auth: { kind: 'token', token: s.token }, keep: 'session' });
    const writer = new PreviewWriter(new PreviewWorkbook());
    const range = last12(T1);
    const first = await insertUsage(depsAt(connect(server), writer, T1), REALM, range.params, { allowSlow: true, history: range.rule });
    if (first.kind !== 'inserted') throw new Error('the first pull was refused');

    // The same API a day on: the port the first server picked, its data now ending at T2.
    const port = Number(new URL(server.origin).port);
    await server.close();
    server = await startServer({ port, now: apiNow(T2) });
    const later = connect(server);
    await refreshTable(depsAt(later, writer, T2), first.meta.tableName);
    const status = (await new QueryStore(writer.settings).get(first.meta.tableName))!.history!.status!;
    expect(status.kept).toBeGreaterThan(0);
    expect(status.error).toBeUndefined();

    const fresh = new PreviewWriter(new PreviewWorkbook());
    const full = await insertUsage(depsAt(later, fresh, T2), REALM, last12(T2).params, { allowSlow: true });
    if (full.kind !== 'inserted') throw new Error('the full pull was refused');
    const want = (await fresh.readTable(full.meta.tableName))!;
    const got = (await writer.readTable(first.meta.tableName))!;
    expect(got.header).toEqual(want.header);
    expect(got.rows.length).toBeGreaterThan(1000);
    expect(got.rows).toEqual(want.rows);
  });
});
