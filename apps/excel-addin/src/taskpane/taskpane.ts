// Entry point: find the host (Excel or the in-browser preview), register the Fluent components,
// then wire the tabs (Get data · Tables · Connection) and the first-run placemat. In Excel this page
// is the shared runtime: it also loads, unseen, when a workbook set to refresh on open opens.

import type { AcronisDeps } from '../flows/acronis-report.js';
import { ConnectionKeeper, isAcronis, makeAcronisClient, makeClient, type Connection } from '../flows/connection.js';
import { officeStartup } from '../flows/refresh-on-open.js';
import type { RefreshDeps } from '../flows/refresh.js';
import { QueryStore } from '../workbook/query-store.js';
import { Activity } from './activity.js';
import { ConnectionTab, connectionSummary } from './connection-tab.js';
import { CostSection } from './cost-section.js';
import { byId } from './dom.js';
import { presentError } from './error-view.js';
import { FirstRun } from './first-run.js';
import { useFluent } from './fluent.js';
import { GetDataTab, type HereDeps } from './get-data-tab.js';
import { detectHost } from './host.js';
import { enterSubmitsFromTextOnly } from './keyboard.js';
import { mountPreview } from './preview-view.js';
import { TablesTab } from './tables-tab.js';
import { Tabs, type Source } from './tabs.js';
import { WorkbookSettingsView } from './workbook-settings-view.js';

async function main(): Promise<void> {
  useFluent();
  const host = await detectHost();
  const activity = new Activity();
  const store = new QueryStore(host.writer.settings);
  const tabs = new Tabs();
  let here: HereDeps | undefined;
  let acronis: AcronisDeps | undefined;
  let baseUrl: string | undefined;
  /** Set once the pane has started: from then on a new connection moves the user on to Get data. */
  let interactive = false;
  const refreshDeps = (): RefreshDeps | undefined => here ?? acronis;
  const cost = new CostSection({ writer: host.writer, store }, activity, () => void tables.render());
  const tables = new TablesTab(host.writer, store, refreshDeps, activity, [cost.action]);
  const refreshList = () => void tables.render();
  const workbookSettings = new WorkbookSettingsView(host.writer.settings, host.inOffice ? officeStartup() : undefined, activity);
  const getData = new GetDataTab(() => here, () => acronis, activity, refreshList);
  const connection = new ConnectionTab(new ConnectionKeeper(host.storage), activity, connected);
  enterSubmitsFromTextOnly(byId<HTMLFormElement>('connect-form'));
  activity.describe = (e) => presentError(e, { baseUrl, pageOrigin: window.location.origin, gateway: connection.gateway });
  const firstRun = new FirstRun({
    connect: () => tabs.show('connection', true),
    skip: () => tabs.show('get-data', true),
  });

  async function connected(c: Connection | undefined): Promise<void> {
    here = undefined;
    acronis = undefined;
    baseUrl = c?.baseUrl;
    const source: Source = c ? (isAcronis(c) ? 'acronis' : 'here') : 'none';
    document.body.dataset.connected = c ? 'true' : 'false';
    tabs.connected(source, c ? connectionSummary(c) : '');
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
      getData.acronis.onTenant = (name) => tabs.summary(connectionSummary(c, name || undefined));
    } else {
      here = { client: makeClient(c), writer: host.writer, store, baseUrl: c.baseUrl, realmId: c.realmId };
    }
    if (interactive) {
      firstRun.done();
      tabs.show('get-data');
      getData.firstField(source)?.focus();
    }
    await getData.connected(source);
  }

  if (host.preview) mountPreview(host.preview);
  const isConnected = await connection.start();
  await Promise.all([tables.render(), workbookSettings.load()]);
  interactive = true;
  firstRun.start(isConnected);
  byId('app').setAttribute('aria-busy', 'false');
  document.body.dataset.ready = host.inOffice ? 'office' : 'preview';
  await workbookSettings.runOnOpen(refreshDeps(), () => tables.render());
}

void main();
