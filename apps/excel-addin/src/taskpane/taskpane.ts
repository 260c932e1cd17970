// Entry point: find the host (Excel or the in-browser preview), then wire the sections.

import { ConnectionKeeper, makeClient, type Connection } from '../flows/connection.js';
import type { FlowDeps } from '../flows/pull.js';
import { QueryStore } from '../workbook/query-store.js';
import { Activity } from './activity.js';
import { ConnectView } from './connect-view.js';
import { byId } from './dom.js';
import { detectHost } from './host.js';
import { mountPreview } from './preview-view.js';
import { ReportsView } from './reports-view.js';
import { TablesView } from './tables-view.js';
import { UsageView } from './usage-view.js';

async function main(): Promise<void> {
  const host = await detectHost();
  const activity = new Activity();
  const store = new QueryStore(host.writer.settings);
  let deps: (FlowDeps & { realmId: string }) | undefined;
  const getDeps = () => deps;
  const tables = new TablesView(host.writer, store, getDeps, activity);
  const refreshList = () => void tables.render();
  const usage: UsageView = new UsageView(getDeps, activity, refreshList, (p) => void reports.create(p));
  const reports: ReportsView = new ReportsView(getDeps, activity, () => usage.params(), refreshList);
  const connect = new ConnectView(new ConnectionKeeper(host.storage), activity, (c: Connection | undefined) => {
    deps = c ? { client: makeClient(c), writer: host.writer, store, baseUrl: c.baseUrl, realmId: c.realmId } : undefined;
    document.body.dataset.connected = c ? 'true' : 'false';
  });
  if (host.preview) mountPreview(host.preview);
  await connect.start();
  await tables.render();
  byId('app').setAttribute('aria-busy', 'false');
  document.body.dataset.ready = host.inOffice ? 'office' : 'preview';
}

void main();
