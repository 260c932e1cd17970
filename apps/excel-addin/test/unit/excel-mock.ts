// An Excel.RequestContext built from office-addin-mock objects and backed by a PreviewWorkbook, so
// a test can run the real OfficeWriter and then look at the cells Excel would hold.
//
// office-addin-mock quirks met here (see README "Testing with office-addin-mock"):
// - reading an unloaded property returns the string "Error, property was not loaded" (and
//   "Error, context.sync() was not called" before a sync); nothing throws, so tests assert values;
// - `load('items/name')` on a collection throws (it navigates into the array), so collections
//   map it to `load('items')`;
// - it neither counts `sync()` calls nor limits payloads: `stats` does both here;
// - `context.sync()` only reaches the context's own children, so every object handed out is
//   tracked and synced too; `isNullObject` is given as a plain property (Office sets it on sync).

import { OfficeMockObject } from 'office-addin-mock';
import { a1 } from '../../src/workbook/a1.js';
import type { PreviewValue } from '../../src/workbook/preview-workbook.js';
import { PreviewWorkbook } from '../../src/workbook/preview-workbook.js';
import type { ExcelRun } from '../../src/workbook/office-settings.js';

interface Box { sheet: string; row: number; col: number; rows: number; cols: number }
type Seed = ConstructorParameters<typeof OfficeMockObject>[0];

export interface MockStats {
  syncs: number;
  /** Bytes of JSON sent in each sync (values, number formats, settings). */
  payloads: number[];
  calcSuspensions: number;
  /** Calculation suspensions asked for in the batch of each sync. */
  suspensionsPerSync: number[];
}

export interface ExcelMock {
  wb: PreviewWorkbook;
  stats: MockStats;
  run: ExcelRun;
  /** Makes the n-th sync from now (1-based) throw, as Excel does on a failed batch. */
  failOnSync(n: number, message?: string): void;
}

export function createExcelMock(wb = new PreviewWorkbook()): ExcelMock {
  const stats: MockStats = { syncs: 0, payloads: [], calcSuspensions: 0, suspensionsPerSync: [] };
  let tracked: OfficeMockObject[] = [];
  let pendingBytes = 0;
  let pendingSuspensions = 0;
  let failAt = 0;
  let failMessage = '';
  const boxes = new WeakMap<object, Box>();

  const mock = (seed: Seed, extra: Record<string, unknown> = {}): OfficeMockObject => {
    const m = new OfficeMockObject(seed);
    Object.assign(m, extra);
    tracked.push(m);
    return m;
  };
  const collection = (m: OfficeMockObject): OfficeMockObject => {
    const load = m.load.bind(m);
    (m as unknown as { load: (p: string) => unknown }).load = (p: string) => load(p.startsWith('items') ? 'items' : p);
    return m;
  };
  const cost = (v: unknown): void => { pendingBytes += JSON.stringify(v).length; };
  const expand = <T>(v: T[][], box: Box): T[][] => {
    if (v.length === box.rows && v.every((r) => r.length === box.cols)) return v;
    throw new Error(`InvalidArgument: ${v.length}x${v[0]?.length ?? 0} values for a ${box.rows}x${box.cols} range`);
  };

  const range = (box: Box): OfficeMockObject => {
    const m = mock({
      address: a1(box.sheet, box.row, box.col, box.rows, box.cols),
      rowIndex: box.row, columnIndex: box.col, rowCount: box.rows, columnCount: box.cols,
      format: { autofitColumns: () => undefined },
    }, {
      isNullObject: false,
      getUsedRangeOrNullObject: () => {
        const occ = wb.occupied(box.sheet, box.row, box.col, box.rows, box.cols);
        return mock({ address: occ.length ? a1(box.sheet, occ[0]![0], occ[0]![1]) : '' }, { isNullObject: occ.length === 0 });
      },
      clear: () => wb.clear(box.sheet, box.row, box.col, box.rows, box.cols),
      getEntireRow: () => mock({}, { insert: (shift: string) => { if (shift !== 'Down') throw new Error(`InvalidArgument: shift ${shift}`); wb.insertRows(box.sheet, box.row, box.rows); } }),
    });
    boxes.set(m, box);
    // Excel applies a single number format (a 1x1 array) to every cell of the range (Range.numberFormat reference).
    Object.defineProperty(m, 'numberFormat', { set(v: string[][]) { cost(v); wb.setFormats(box.sheet, box.row, box.col, v.length === 1 && v[0]?.length === 1 ? Array.from({ length: box.rows }, () => Array<string>(box.cols).fill(v[0]![0]!)) : expand(v, box)); } });
    Object.defineProperty(m, 'values', { set(v: PreviewValue[][]) { cost(v); wb.write(box.sheet, box.row, box.col, expand(v, box)); } });
    return m;
  };

  const tableMock = (name: string): OfficeMockObject => {
    const t = wb.table(name);
    if (!t) return mock({ name: '' }, { isNullObject: true });
    const m = mock({ name: t.name }, {
      isNullObject: false,
      getRange: () => range({ sheet: t.sheet, row: t.row, col: t.col, rows: t.rows + 1, cols: t.cols }),
      resize: (r: object) => { const b = boxes.get(r)!; t.rows = b.rows - 1; t.cols = b.cols; },
    });
    Object.defineProperty(m, 'worksheet', { get: () => sheetMock(t.sheet) });
    Object.defineProperty(m, 'style', { set(v: string) { t.style = v; } });
    Object.defineProperty(m, 'name', { set(v: string) { t.name = v; }, get: () => t.name });
    return m;
  };

  const sheetMock = (name: string): OfficeMockObject => mock({ name, freezePanes: { freezeRows: (n: number) => { wb.sheet(name)!.frozenRows = n; } } }, {
    getRangeByIndexes: (row: number, col: number, rows: number, cols: number) => range({ sheet: name, row, col, rows, cols }),
    tables: {
      add: (r: object) => {
        const b = boxes.get(r)!;
        const tname = `Table${wb.model.tables.length + 1}`;
        wb.model.tables.push({ id: `{${tname}}`, name: tname, sheet: b.sheet, row: b.row, col: b.col, rows: b.rows - 1, cols: b.cols, style: '' });
        return tableMock(tname);
      },
    },
    delete: () => wb.deleteSheet(name),
    activate: () => { wb.model.active = { sheet: name, row: 0, col: 0 }; },
  });

  const workbook = {
    get worksheets() {
      return Object.assign(collection(mock({ items: wb.model.sheets.map((s) => ({ name: s.name })) })), {
        add: (n: string) => { wb.addSheet(n); return sheetMock(n); },
      });
    },
    get tables() {
      return Object.assign(collection(mock({ items: wb.model.tables.map((t) => tableMock(t.name)) })), {
        getItemOrNullObject: (n: string) => tableMock(n),
      });
    },
    names: {
      add: (n: string, r: object) => { const b = boxes.get(r)!; wb.model.names[n] = { sheet: b.sheet, row: b.row, col: b.col }; },
      getItemOrNullObject: (n: string) => {
        const at = wb.model.names[n];
        return mock({ name: n }, { isNullObject: !at, getRange: () => range({ ...at!, rows: 1, cols: 1 }) });
      },
    },
    get settings() {
      return Object.assign(collection(mock({ items: Object.keys(wb.model.settings).map((key) => ({ key })) })), {
        add: (key: string, value: string) => { cost(value); wb.model.settings[key] = value; },
        getItemOrNullObject: (key: string) => mock({ key, value: wb.model.settings[key] ?? '' }, {
          isNullObject: wb.model.settings[key] === undefined,
          delete: () => { delete wb.model.settings[key]; },
        }),
      });
    },
    application: { suspendApiCalculationUntilNextSync: () => { stats.calcSuspensions++; pendingSuspensions++; } },
    getActiveCell: () => {
      const a = wb.model.active ?? { sheet: wb.model.sheets[0]?.name ?? 'Sheet1', row: 0, col: 0 };
      return range({ ...a, rows: 1, cols: 1 });
    },
  };

  const context = new OfficeMockObject({});
  Object.defineProperty(context, 'workbook', { get: () => workbook });
  const sync = async (): Promise<void> => {
    stats.syncs++;
    stats.payloads.push(pendingBytes);
    stats.suspensionsPerSync.push(pendingSuspensions);
    pendingBytes = 0;
    pendingSuspensions = 0;
    if (failAt > 0 && --failAt === 0) throw new Error(failMessage);
    const batch = tracked;
    tracked = [];
    for (const m of batch) await m.sync();
    await new Promise((r) => setTimeout(r, 0)); // let the mock's un-awaited property updates land
  };
  (context as unknown as { sync: () => Promise<void> }).sync = sync;

  const run: ExcelRun = (batch) => batch(context as unknown as Excel.RequestContext);
  return {
    wb, stats, run,
    failOnSync(n, message = 'GeneralException: the batch failed') { failAt = n; failMessage = message; },
  };
}
