// "One click to data": the gateway started as `pnpm start` starts it (credentials mode over the
// embedded server's dev keys, --demo) lets the pane connect both sources and insert real rows
// with nothing typed or copied.

import { startGateway, type RunningGateway } from '@meterbook/gateway';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionKeeper, makeAcronisClient, makeClient, type AcronisConnection, type HereConnection } from '../../src/flows/connection.js';
import { connectDemo, demoAvailable } from '../../src/flows/demo.js';
import { insertUsage } from '../../src/flows/pull.js';
import { PreviewWorkbook } from '../../src/workbook/preview-workbook.js';
import { PreviewWriter } from '../../src/workbook/preview-writer.js';
import { QueryStore } from '../../src/workbook/query-store.js';

const REALM = 'org123456789';
const KEY = 'demo-access-key-made-at-start-0123';

describe('the local demo connects with one click (gateway --demo over the embedded server)', () => {
  let server: RunningServer;
  let demo: RunningGateway;
  let plain: RunningGateway;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
    const common = {
      paneDir: false as const, rateLimit: false as const, auth: 'credentials' as const, accessKey: KEY,
      upstreams: { usage: server.url, 'here-account': server.origin, acronis: server.acronis.baseUrl },
      credentials: server.credentials, acronisCredentials: { clientId: server.acronis.clientId, clientSecret: server.acronis.clientSecret },
    };
    demo = await startGateway({ ...common, demo: true, demoRealm: REALM });
    plain = await startGateway(common);
  });
  afterAll(async () => {
    await demo?.close();
    await plain?.close();
    await server?.close();
  });

  it('is offered only by a demo gateway', async () => {
    expect(await demoAvailable(demo.url)).toMatchObject({ accessKey: KEY, realmId: REALM });
    expect(await demoAvailable(plain.url)).toBeUndefined();
    expect(await demoAvailable(server.origin)).toBeUndefined();
    await expect(connectDemo(new ConnectionKeeper(undefined), plain.url)).rejects.toThrow(/No local demo here: run pnpm start/);
  });

  it('connects HERE and Acronis for the session, and the first insert gets real rows', async () => {
    const keeper = new ConnectionKeeper(undefined);
    const outcome = await connectDemo(keeper, demo.url);
    expect(outcome.problems).toEqual([]);
    expect(outcome.summary).toBe(`Connected to the local demo: HERE (realm ${REALM}) and Acronis.`);
    expect(keeper.all().map((c) => [c.source, c.route, c.keep])).toEqual([['here', 'gateway', 'session'], ['acronis', 'gateway', 'session']]);
    const here = keeper.get('here') as HereConnection;
    const writer = new PreviewWriter(new PreviewWorkbook());
    const day = (d: number) => new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - d * 86_400_000).toISOString().slice(0, 19);
    const r = await insertUsage({ client: makeClient(here), writer, store: new QueryStore(writer.settings), baseUrl: here.baseUrl }, REALM, { startDate: day(3), endDate: day(1), detailLevel: 'day' });
    expect(r.kind === 'inserted' && r.records).toBeGreaterThan(0);
    const acronis = await makeAcronisClient(keeper.get('acronis') as AcronisConnection);
    expect((await acronis.tenants.list().toArray()).length).toBeGreaterThan(1);
  });
});
