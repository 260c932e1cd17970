// Inside Excel the pane writes through Office.js; in a plain browser it writes into the in-page
// preview workbook (kept in localStorage so a reload acts like reopening the file).

import type { AsyncStorage } from '../flows/connection.js';
import { OfficeWriter } from '../workbook/office-writer.js';
import { PreviewWorkbook, type PreviewModel } from '../workbook/preview-workbook.js';
import { PreviewWriter } from '../workbook/preview-writer.js';
import type { TableWriter } from '../workbook/table-writer.js';

export interface Host {
  inOffice: boolean;
  writer: TableWriter;
  /** Where "keep credentials" stores them: OfficeRuntime.storage, or localStorage in the preview. */
  storage: AsyncStorage | undefined;
  preview?: PreviewWorkbook;
}

const PREVIEW_KEY = 'meterbook.preview.workbook';

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

function restorePreview(): PreviewWorkbook {
  try {
    const raw = window.localStorage.getItem(PREVIEW_KEY);
    if (raw) return new PreviewWorkbook(JSON.parse(raw) as PreviewModel);
  } catch { /* a damaged copy starts a fresh preview */ }
  return new PreviewWorkbook();
}

/** Saves the preview after changes; a workbook too big for localStorage simply is not kept. */
function persist(wb: PreviewWorkbook): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  wb.onChange(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try { window.localStorage.setItem(PREVIEW_KEY, JSON.stringify(wb.toJSON())); } catch { window.localStorage.removeItem(PREVIEW_KEY); }
    }, 200);
  });
}

export async function detectHost(): Promise<Host> {
  if (await officeReady()) {
    const storage = typeof OfficeRuntime !== 'undefined' ? OfficeRuntime.storage : undefined;
    return { inOffice: true, writer: new OfficeWriter((batch) => Excel.run(batch)), storage };
  }
  const wb = restorePreview();
  persist(wb);
  return { inOffice: false, writer: new PreviewWriter(wb), storage: localStore(), preview: wb };
}
