// Inside Excel the pane writes through Office.js; in a plain browser it writes into the in-page
// preview workbook (kept in IndexedDB so a reload acts like reopening the file, and saying so
// when it cannot keep it).

import type { AsyncStorage } from '../flows/connection.js';
import { OfficeWriter } from '../workbook/office-writer.js';
import { openPreviewWorkbook, type PreviewNotice, type PreviewStore } from '../workbook/preview-store.js';
import type { PreviewWorkbook } from '../workbook/preview-workbook.js';
import { PreviewWriter } from '../workbook/preview-writer.js';
import type { TableWriter } from '../workbook/table-writer.js';

export interface Host {
  inOffice: boolean;
  writer: TableWriter;
  /** Where "keep credentials" stores them: OfficeRuntime.storage, or localStorage in the preview. */
  storage: AsyncStorage | undefined;
  preview?: PreviewWorkbook;
  /** Where the preview is kept (IndexedDB). */
  previewStore?: PreviewStore;
}

async function officeReady(): Promise<boolean> {
  if (typeof Office === 'undefined') return false;
  const info = await Promise.race([Office.onReady(), new Promise<undefined>((r) => setTimeout(() => r(undefined), 4_000))]);
  return info?.host === Office.HostType.Excel;
}

function localStore(): AsyncStorage {
  return {
    getItem: async (k) => window.localStorage.getItem(k),
    setItem: async (k, v) => window.localStorage.setItem(k, v),
    removeItem: async (k) => window.localStorage.removeItem(k),
  };
}

/** The host; `onNotice` hears what the preview could not keep (outside Excel only). */
export async function detectHost(onNotice: (n: PreviewNotice) => void = () => undefined): Promise<Host> {
  if (await officeReady()) {
    const storage = typeof OfficeRuntime !== 'undefined' ? OfficeRuntime.storage : undefined;
    return { inOffice: true, writer: new OfficeWriter((batch) => Excel.run(batch)), storage };
  }
  const { workbook: wb, store } = await openPreviewWorkbook(onNotice);
  return { inOffice: false, writer: new PreviewWriter(wb), storage: localStore(), preview: wb, previewStore: store };
}
