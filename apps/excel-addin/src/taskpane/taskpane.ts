// Entry point: find the host (Excel or the in-browser preview), register the Fluent components,
// then wire the tabs (Get data · Tables · Connection) and the first-run placemat. HERE and Acronis
// can be connected at once, one connection each (ConnectionKeeper); every view gets the one of
// its source. In Excel this page is the shared runtime: it also loads, unseen, when a workbook set
// to refresh on open opens.

import type { AcronisDeps } from '../flows/acronis-report.js';
import { ConnectionKeeper, isAcronis, makeAcronisClient, makeClient, type Connection } from '../flows/connection.js';
import { connectDemo, demoAvailable } from '../flows/demo.js';
import { officeStartup } from '../flows/refresh-on-open.js';
import type { RefreshDeps } from '../flows/refresh.js';
import { markSummariesOfMissingTables, summarizeTable } from '../flows/summarize.js';
import { QueryStore } from '../workbook/query-store.js';
import { Activity } from './activity.js';
import { ConnectionTab, connectionSummary } from './connection-tab.js';
import { CostSection } from './cost-section.js';
import { byId, fmtInt } from './dom.js';
import { presentError } from './error-view.js';
import { FirstRun } from './first-run.js';
import { useFluent } from './fluent.js';
import { GetDataTab, type HereDeps } from './get-data-tab.js';
import { detectHost } from './host.js';
import { enterSubmitsFromTextOnly } from './keyboard.js';
import { mountPreview, showPreviewNotice } from './preview-view.js';
import { TablesTab } from './tables-tab.js';
import { Tabs } from './tabs.js';
import { WorkbookSettingsView } from './workbook-settings-view.js';

async function main(): Promise<void> {
  useFluent();
  const host = await detectHost(showPreviewNotice);
  const activity = new Activity();
  const store = new QueryStore(host.writer.settings);
  const tabs = new Tabs();
  let here: HereDeps | undefined;
  let acronis: AcronisDeps | undefined;
  /** Set once the pane has started: from then on a new connection moves the user on to Get data. */
  let interactive = false;
  const summaries = { writer: host.writer, store };
  const refreshDeps = (): RefreshDeps[] => [here, acronis].filter((d): d is HereDeps | AcronisDeps => d !== undefined);
  const cost = new CostSection({ writer: host.writer, store }, activity, () => void tables.render());
  const tables = new TablesTab(host.writer, store, refreshDeps, activity, [{
    id: 'summarize',
    label: 'Summarize',
    run: async (name) => {
      const meta = await activity.run(`Summarizing ${name}`, () => summarizeTable(summaries, name));
      const cost = meta?.costCurrencies?.length ? ` Sum of Cost per currency: ${meta.costCurrencies.join(', ')}.` : '';
      if (meta) activity.say(`Summary of ${name} is on sheet ${meta.sheetName}.${cost}`, 'ok');
      await tables.render();
    },
  }, cost.action]);
  const refreshList = () => void tables.render();
  const workbookSettings = new WorkbookSettingsView(host.writer.settings, host.inOffice ? officeStartup() : undefined, activity);
  const getData = new GetDataTab(() => here, () => acronis, activity, refreshList, host.writer.settings);
  const keeper = new ConnectionKeeper(host.storage);
  const connection = new ConnectionTab(keeper, activity, connected);
  enterSubmitsFromTextOnly(byId<HTMLFormElement>('connect-form'));
  // A failure on another origin may be CORS: the site is the source the shown section calls.
  activity.describe = (e) => presentError(e, { baseUrl: (tabs.shownSource === 'acronis' ? acronis : here)?.baseUrl, pageOrigin: window.location.origin, gateway: connection.gateway });
  const firstRun = new FirstRun({
    connect: () => tabs.show('connection', true),
    skip: () => tabs.show('get-data', true),
  });
  let tenantName: string | undefined;
  const summaryLine = (all: Connection[]) => all.map((c) => connectionSummary(c, isAcronis(c) ? tenantName : undefined)).join(' | ');
  tabs.onSource = (s) => { if (interactive) getData.firstField(s)?.focus(); };

  async function connected(all: Connection[]): Promise<void> {
    const before = new Set(refreshDeps().map((d) => d.baseUrl));
    here = undefined;
    acronis = undefined;
    const h = all.find((c) => !isAcronis(c));
    const a = all.find(isAcronis);
    if (h && !isAcronis(h)) here = { client: makeClient(h), writer: host.writer, store, baseUrl: h.baseUrl, realmId: h.realmId };
    if (a) {
      try {
        const client = await makeAcronisClient(a);
        acronis = { acronis: client, writer: host.writer, store, baseUrl: client.baseUrl };
      } catch (e) {
        activity.say(activity.describe(e), 'error');
      }
    }
    const sources = [here ? 'here' : undefined, acronis ? 'acronis' : undefined].filter((s): s is 'here' | 'acronis' => s !== undefined);
    document.body.dataset.connected = sources.length ? 'true' : 'false';
    if (!acronis) tenantName = undefined;
    getData.acronis.onTenant = (name) => { tenantName = name || undefined; tabs.summary(summaryLine(keeper.all())); };
    // The source just connected is the one shown.
    const added = all.find((c) => !before.has(c.baseUrl) && (isAcronis(c) ? acronis : here));
    if (added) tabs.showSource(isAcronis(added) ? 'acronis' : 'here');
    tabs.connected(sources, summaryLine(all));
    if (sources.length === 0) return;
    if (interactive && added) {
      firstRun.done();
      tabs.show('get-data');
      getData.firstField(tabs.shownSource)?.focus();
    }
    if (acronis && !before.has(acronis.baseUrl)) await getData.connected('acronis');
  }

  /** The first-run "Try it with demo data": connects every source the local demo offers. */
  async function tryDemo(): Promise<void> {
    const outcome = await activity.run('Connecting to the local demo', (signal) => connectDemo(keeper, window.location.origin, { signal }));
    if (!outcome) { tabs.show('connection', true); return; }
    await connection.refresh();
    const here = outcome.connected.find((c) => !isAcronis(c));
    if (here) tabs.showSource('here');
    tabs.show('get-data');
    activity.say(outcome.summary, outcome.connected.length === 0 ? 'error' : outcome.problems.length ? 'warn' : 'ok');
    if (outcome.connected.length) byId(here ? 'insert' : 'acronis-create').focus();
  }

  if (host.preview) mountPreview(host.preview, host.previewStore);
  const isConnected = await connection.start();
  const marked = await markSummariesOfMissingTables(summaries).catch(() => []);
  if (marked.length) activity.say(`${fmtInt(marked.length)} summary sheets say their table was deleted: ${marked.join(', ')}.`, 'warn');
  await Promise.all([tables.render(), workbookSettings.load()]);
  interactive = true;
  const demo = !isConnected && (await demoAvailable(window.location.origin)) !== undefined;
  firstRun.start(isConnected, demo ? tryDemo : undefined);
  byId('app').setAttribute('aria-busy', 'false');
  document.body.dataset.ready = host.inOffice ? 'office' : 'preview';
  // On open: every kept source, through the Tables tab's Refresh all (history tables by their windows).
  await workbookSettings.runOnOpen({ writer: host.writer, store, sources: refreshDeps() }, () => tables.render());
}

void main();
