// The Get data tab: HERE usage and HERE reports when connected to HERE, Acronis reports when
// connected to Acronis, and in place of both, before connecting, a pointer to the Connection tab.

import type { AcronisDeps } from '../flows/acronis-report.js';
import type { FlowDeps } from '../flows/pull.js';
import type { WorkbookSettings } from '../workbook/table-writer.js';
import { AcronisView } from './acronis-view.js';
import type { Activity } from './activity.js';
import { byId } from './dom.js';
import { enterSubmitsFromTextOnly } from './keyboard.js';
import { ReportsView } from './reports-view.js';
import type { Source } from './tabs.js';
import { UsageView } from './usage-view.js';

export type HereDeps = FlowDeps & { realmId: string };

export class GetDataTab {
  readonly usage: UsageView;
  readonly reports: ReportsView;
  readonly acronis: AcronisView;

  constructor(here: () => HereDeps | undefined, acronis: () => AcronisDeps | undefined, activity: Activity, after: () => void, settings?: WorkbookSettings) {
    this.usage = new UsageView(here, activity, after, (p) => void this.reports.create(p), settings);
    this.reports = new ReportsView(here, activity, () => this.usage.params(), after);
    this.acronis = new AcronisView(acronis, activity, after);
    for (const id of ['usage-form', 'report-form', 'acronis-form']) enterSubmitsFromTextOnly(byId<HTMLFormElement>(id));
  }

  /** After connecting: Acronis lists its tenants first. */
  async connected(source: Source): Promise<void> {
    if (source === 'acronis') await this.acronis.connected();
  }

  /** Where the keyboard goes once connected: the first choice of the source's form. */
  firstField(source: Source): HTMLElement | undefined {
    if (source === 'none') return undefined;
    return byId(source === 'acronis' ? 'acronis-tenant' : 'preset');
  }
}
