// Entry point: find the host (Excel or the in-browser preview), then wire the sections. The
// sections shown follow the source: HERE (usage and reports) or Acronis (reports only).

import type { AcronisDeps } from '../flows/acronis-report.js';
import { ConnectionKeeper, isAcronis, makeAcronisClient, makeClient, type Connection } from '../flows/connection.js';
import { describeError } from '../flows/errors.js';
import type { FlowDeps } from '../flows/pull.js';
import type { RefreshDeps } from '../flows/refresh.js';
import { QueryStore } from '../workbook/query-store.js';
import { AcronisView } from './acronis-view.js';
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
  let here: (FlowDeps & { realmId: string }) | undefined;
  let acronis: AcronisDeps | undefined;
  let baseUrl: string | undefined;
  const getDeps = () => here;
  const refreshDeps = (): RefreshDeps | undefined => here ?? acronis;
  const tables = new TablesView(host.writer, store, refreshDeps, activity);
  const refreshList = () => void tables.render();
  const usage: UsageView = new UsageView(getDeps, activity, refreshList, (p) => void reports.create(p));
  const reports: ReportsView = new ReportsView(getDeps, activity, () => usage.params(), refreshList);
  const acronisView = new AcronisView(() => acronis, activity, refreshList);
  const connect = new ConnectView(new ConnectionKeeper(host.storage), activity, (c: Connection | undefined) => void connected(c));
  activity.describe = (e) => describeError(e, { baseUrl, pageOrigin: window.location.origin, gateway: connect.gateway });

  async function connected(c: Connection | undefined): Promise<void> {
    here = undefined;
    acronis = undefined;
    baseUrl = c?.baseUrl;
    const source = c ? (isAcronis(c) ? 'acronis' : 'here') : 'none';
    document.body.dataset.connected = c ? 'true' : 'false';
    document.body.dataset.connectedSource = source;
    for (const id of ['usage', 'reports']) byId(id).hidden = source === 'acronis';
    byId('acronis').hidden = source !== 'acronis';
    if (!c) return;
    if (isAcronis(c)) {
      try {
        const client = await makeAcronisClient(c);
        acronis = { acronis: client, writer: host.writer, store, baseUrl: client.baseUrl };
        baseUrl = client.baseUrl;
      } catch (e) {
        activity.say(activity.describe(e), 'error');
        return;
      }
      await acronisView.connected();
    } else {
      here = { client: makeClient(c), writer: host.writer, store, baseUrl: c.baseUrl, realmId: c.realmId };
    }
  }

  if (host.preview) mountPreview(host.preview);
  await connect.start();
  await tables.render();
  byId('app').setAttribute('aria-busy', 'false');
  document.body.dataset.ready = host.inOffice ? 'office' : 'preview';
}

void main();
