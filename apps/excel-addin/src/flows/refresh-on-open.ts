// Refresh on open. In the shared runtime, Excel loads the add-in with the workbook once
// `Office.addin.setStartupBehavior(load)` was called in it (so never on the very first opening);
// the pane's entry then calls `onWorkbookOpen`, which refreshes the tables when the workbook's
// setting is on. Whatever happens comes back as a record for the pane to show: nothing is thrown
// where no one would see it.

import type { WorkbookSettings } from '../workbook/table-writer.js';
import type { RunOptions } from './pull.js';
import { refreshAllSources, type RefreshAllDeps, type RefreshItem } from './refresh-all.js';
import { getRefreshOnOpen, saveRefreshOnOpen } from './workbook-settings.js';

export type StartupBehavior = 'load' | 'none';
/** Tells Excel whether to load the add-in when this workbook opens. */
export type SetStartup = (behavior: StartupBehavior) => Promise<void>;

/** The part of Office.js this needs (an office-addin-mock object in tests). */
export interface OfficeStartupApi {
  addin: Pick<typeof Office.addin, 'setStartupBehavior'>;
  StartupBehavior: { load: Office.StartupBehavior; none: Office.StartupBehavior };
  context: { requirements: Pick<Office.RequirementSetSupport, 'isSetSupported'> };
}

/** Office's startup setter, or undefined where there is no shared runtime (the preview, older Excel). */
export function officeStartup(office: OfficeStartupApi | undefined = typeof Office === 'undefined' ? undefined : Office): SetStartup | undefined {
  if (!office?.addin || !office.context?.requirements?.isSetSupported('SharedRuntime', '1.1')) return undefined;
  return (b) => office.addin.setStartupBehavior(b === 'load' ? office.StartupBehavior.load : office.StartupBehavior.none);
}

export const FIRST_OPENING_NOTE = 'Excel runs it from the second opening of a workbook on: the pane must have been opened once in that workbook.';

/**
 * Turns refresh on open on or off: Excel is told first (load or none), then the setting is saved,
 * so the two never disagree. Without a shared runtime only the setting is saved.
 */
export async function setRefreshOnOpen(settings: WorkbookSettings, startup: SetStartup | undefined, on: boolean): Promise<void> {
  if (startup) {
    try {
      await startup(on ? 'load' : 'none');
    } catch (e) {
      throw new Error(`Excel did not accept ${on ? 'loading the add-in' : 'no longer loading the add-in'} when this workbook opens, so the setting was not changed (${e instanceof Error ? e.message : String(e)}).`);
    }
  }
  await saveRefreshOnOpen(settings, on);
}

/** What the on-open run did, for the pane. */
export interface OpenRefreshRecord {
  /** ISO time the run ended. */
  at: string;
  ok: boolean;
  refreshed: number;
  total: number;
  /** One line in the user's words. */
  message: string;
  /** Tables that were not refreshed, each with why (a failure, or a source not connected). */
  failures: RefreshItem[];
}

export interface OpenDeps {
  settings: WorkbookSettings;
  /** Every source kept on this computer, as Refresh all takes them; undefined or none: no connection kept. */
  refresh: RefreshAllDeps | undefined;
  describe: (e: unknown) => string;
  /**
   * Runs the refresh (the pane: with its progress bar and Cancel); resolves undefined when the
   * run did not finish. Default: run it bare.
   */
  run?: (task: (opts: RunOptions) => Promise<RefreshItem[]>) => Promise<RefreshItem[] | undefined>;
  now?: () => Date;
}

export const NO_CONNECTION = 'No connection is kept on this computer, so nothing was refreshed. Connect and keep the credentials "In Office storage on this computer" (or use the gateway), or refresh from the Tables tab.';

/** The on-open entry: undefined when the setting is off, else a record of what happened. Never throws. */
export async function onWorkbookOpen(deps: OpenDeps): Promise<OpenRefreshRecord | undefined> {
  const now = deps.now ?? (() => new Date());
  const fail = (message: string): OpenRefreshRecord => ({ at: now().toISOString(), ok: false, refreshed: 0, total: 0, message, failures: [] });
  try {
    if (!(await getRefreshOnOpen(deps.settings))) return undefined;
    const refreshDeps = deps.refresh;
    if (!refreshDeps || refreshDeps.sources.length === 0) return fail(NO_CONNECTION);
    // The same path as the Tables tab's Refresh all: every source, history tables by their windows.
    const task = async (opts: RunOptions) => (await refreshAllSources({ ...refreshDeps, now: deps.now ?? refreshDeps.now }, opts)).items;
    const results = await (deps.run ?? ((t) => t({})))(task);
    if (!results) return fail('The refresh on open did not finish: the tables keep their previous rows.');
    const failures = results.filter((r) => r.status !== 'refreshed');
    const refreshed = results.length - failures.length;
    const message = results.length === 0 ? 'No Meterbook tables to refresh.'
      : `Refreshed ${refreshed.toLocaleString('en-US')} of ${results.length.toLocaleString('en-US')} tables when the workbook opened.`;
    return { at: now().toISOString(), ok: failures.length === 0, refreshed, total: results.length, message, failures };
  } catch (e) {
    return fail(deps.describe(e));
  }
}
