// WorkbookSettings over Excel's `workbook.settings` (per workbook and add-in, saved in the file).

import type { WorkbookSettings } from './table-writer.js';

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export class OfficeSettings implements WorkbookSettings {
  constructor(private readonly run: ExcelRun) {}

  get(key: string): Promise<string | undefined> {
    return this.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(key);
      item.load('value');
      await context.sync();
      if (item.isNullObject) return undefined;
      const v: unknown = item.value;
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  }

  set(key: string, value: string): Promise<void> {
    return this.run(async (context) => {
      context.workbook.settings.add(key, value);
      await context.sync();
    });
  }

  remove(key: string): Promise<void> {
    return this.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(key);
      item.load('key');
      await context.sync();
      if (!item.isNullObject) {
        item.delete();
        await context.sync();
      }
    });
  }

  keys(): Promise<string[]> {
    return this.run(async (context) => {
      const items = context.workbook.settings;
      items.load('items/key');
      await context.sync();
      return items.items.map((s) => s.key);
    });
  }
}
