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

/** A PivotTable as the writer made it: what Excel would hold. */
export interface MockPivot {
  name: string;
  sheet: string;
  /** Table the PivotTable reads. */
  source: string;
  at: Box;
  rows: string[];
  columns: string[];
  values: { field: string; name: string; summarizeBy: string; numberFormat: string }[];
  filters: string[];
  refreshes: number;
  /** Set when the writer turned the grand total row on or off (`layout.showColumnGrandTotals`). */
  columnGrandTotals?: boolean;
  /** Items hidden (`PivotItem.visible = false`), by field. */
  hidden?: Record<string, string[]>;
}

export interface MockChart {
  name: string;
  sheet: string;
  type: string;
  source: Box;
  seriesBy: string;
  title: string;
  legend: string;
  categoryNames?: Box;
  position?: [Box, Box];
  colors: string[];
}

export interface ExcelMock {
  wb: PreviewWorkbook;
  stats: MockStats;
  pivots: MockPivot[];
  charts: MockChart[];
  /** Column widths set, in points, by `sheet:column`. */
  widths: Map<string, number>;
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
  const pivots: MockPivot[] = [];
  const charts: MockChart[] = [];
  const widths = new Map<string, number>();

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
      values: [],
    }, {
      format: {
        autofitColumns: () => undefined,
        set columnWidth(points: number) { for (let c = box.col; c < box.col + box.cols; c++) widths.set(`${box.sheet}:${c}`, points); },
      },
      isNullObject: false,
      getUsedRangeOrNullObject: () => {
        const occ = wb.occupied(box.sheet, box.row, box.col, box.rows, box.cols);
        return mock({ address: occ.length ? a1(box.sheet, occ[0]![0], occ[0]![1]) : '' }, { isNullObject: occ.length === 0 });
      },
      clear: () => wb.clear(box.sheet, box.row, box.col, box.rows, box.cols),
      delete: (shift: string) => { if (shift !== 'Up') throw new Error(`InvalidArgument: shift ${shift}`); wb.deleteCellsUp(box.sheet, box.row, box.col, box.rows, box.cols); },
      getEntireRow: () => mock({}, { insert: (shift: string) => { if (shift !== 'Down') throw new Error(`InvalidArgument: shift ${shift}`); wb.insertRows(box.sheet, box.row, box.rows); } }),
    });
    boxes.set(m, box);
    // Excel applies a single number format (a 1x1 array) to every cell of the range (Range.numberFormat reference).
    Object.defineProperty(m, 'numberFormat', { set(v: string[][]) { cost(v); wb.setFormats(box.sheet, box.row, box.col, v.length === 1 && v[0]?.length === 1 ? Array.from({ length: box.rows }, () => Array<string>(box.cols).fill(v[0]![0]!)) : expand(v, box)); } });
    // Read back as Excel gives them (the preview holds a formula's text where Excel has its value).
    Object.defineProperty(m, 'values', {
      // The mock's own load() assigns the seed back on sync: only the writer's 2-D arrays are writes.
      set(v: PreviewValue[][]) { if (v.length === 0) return; cost(v); wb.write(box.sheet, box.row, box.col, expand(v, box)); },
      get: () => wb.values(box.sheet, box.row, box.col, box.rows, box.cols),
    });
    Object.defineProperty(m, 'formulas', { set(v: string[][]) { cost(v); wb.write(box.sheet, box.row, box.col, expand(v, box)); } });
    return m;
  };

  const tableMock = (name: string): OfficeMockObject => {
    const t = wb.table(name);
    if (!t) return mock({ name: '' }, { isNullObject: true });
    const m = mock({ name: t.name }, {
      isNullObject: false,
      getRange: () => range({ sheet: t.sheet, row: t.row, col: t.col, rows: t.rows + 1, cols: t.cols }),
      getHeaderRowRange: () => range({ sheet: t.sheet, row: t.row, col: t.col, rows: 1, cols: t.cols }),
      resize: (r: object) => { const b = boxes.get(r)!; t.rows = b.rows - 1; t.cols = b.cols; },
    });
    Object.defineProperty(m, 'worksheet', { get: () => sheetMock(t.sheet) });
    Object.defineProperty(m, 'style', { set(v: string) { t.style = v; } });
    Object.defineProperty(m, 'name', { set(v: string) { t.name = v; }, get: () => t.name });
    return m;
  };

  // Excel names a pivot item by the text of its value; it refuses a hierarchy the source lacks.
  const tableHeaders = (t: string): string[] => {
    const tb = wb.table(t);
    return tb ? wb.values(tb.sheet, tb.row, tb.col, 1, tb.cols)[0]!.map(String) : [];
  };
  const pivotItems = (t: string, field: string): string[] => {
    const tb = wb.table(t)!;
    const c = tableHeaders(t).indexOf(field);
    return [...new Set(wb.values(tb.sheet, tb.row + 1, tb.col + c, tb.rows, 1).map((r) => String(r[0])))].sort();
  };
  const pivotMock = (p: MockPivot): OfficeMockObject => {
    const hierarchy = (n: string) => {
      if (!tableHeaders(p.source).includes(n)) throw new Error(`InvalidArgument: table ${p.source} has no field ${n}`);
      return { hierarchyName: n };
    };
    const axis = (list: string[]) => ({ add: (h: { hierarchyName: string }) => { list.push(h.hierarchyName); return h; } });
    const m = mock({ name: p.name }, {
      isNullObject: false,
      hierarchies: { getItem: hierarchy },
      rowHierarchies: {
        ...axis(p.rows),
        getItem: (n: string) => ({
          fields: {
            getItem: () => ({
              items: Object.assign(collection(mock({ items: pivotItems(p.source, n).map((name) => ({ name })) })), {
                getItem: (item: string) => ({ set visible(v: boolean) { if (!v) ((p.hidden ??= {})[n] ??= []).push(item); } }),
              }),
            }),
          },
        }),
      },
      columnHierarchies: axis(p.columns),
      filterHierarchies: axis(p.filters),
      dataHierarchies: {
        add: (h: { hierarchyName: string }) => {
          const d = { field: h.hierarchyName, name: '', summarizeBy: '', numberFormat: '' };
          p.values.push(d);
          return d;
        },
        getItem: (n: string) => {
          const d = p.values.find((v) => v.name === n);
          if (!d) throw new Error(`ItemNotFound: no data hierarchy ${n}`);
          return d;
        },
      },
      layout: { set showColumnGrandTotals(v: boolean) { p.columnGrandTotals = v; } },
      refresh: () => { p.refreshes++; },
      delete: () => { pivots.splice(pivots.indexOf(p), 1); },
    });
    Object.defineProperty(m, 'worksheet', { get: () => sheetMock(p.sheet) });
    return m;
  };
  const chartMock = (c: MockChart) => ({
    set name(v: string) { c.name = v; },
    title: { set text(v: string) { c.title = v; } },
    legend: { set position(v: string) { c.legend = v; } },
    axes: { categoryAxis: { setCategoryNames: (r: object) => { c.categoryNames = boxes.get(r); } } },
    series: { getItemAt: (i: number) => ({ format: { fill: { setSolidColor: (color: string) => { c.colors[i] = color; } } } }) },
    setPosition: (a: object, b: object) => { c.position = [boxes.get(a)!, boxes.get(b)!]; },
  });

  const freezePanes = (name: string) => ({
    freezeRows: (n: number) => { wb.sheet(name)!.frozenRows = n; },
    freezeAt: (r: object) => { const b = boxes.get(r)!; Object.assign(wb.sheet(b.sheet)!, { frozenRows: b.rows, frozenColumns: b.cols }); },
  });
  const sheetMock = (name: string): OfficeMockObject => mock({ name, freezePanes: freezePanes(name) }, {
    getRangeByIndexes: (row: number, col: number, rows: number, cols: number) => range({ sheet: name, row, col, rows, cols }),
    pivotTables: {
      add: (pname: string, source: OfficeMockObject, at: object) => {
        const p: MockPivot = { name: pname, sheet: name, source: String((source as unknown as { name: string }).name), at: boxes.get(at)!, rows: [], columns: [], values: [], filters: [], refreshes: 0 };
        if (!wb.table(p.source)) throw new Error(`InvalidArgument: no table ${p.source}`);
        pivots.push(p);
        return pivotMock(p);
      },
    },
    charts: {
      add: (type: string, source: object, seriesBy: string) => {
        const c: MockChart = { name: '', sheet: name, type, source: boxes.get(source)!, seriesBy, title: '', legend: '', colors: [] };
        charts.push(c);
        return chartMock(c);
      },
      getItemOrNullObject: (cname: string) => {
        const c = charts.find((x) => x.sheet === name && x.name === cname);
        return mock({ name: cname }, { isNullObject: !c, delete: () => { charts.splice(charts.indexOf(c!), 1); } });
      },
    },
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
    pivotTables: {
      getItemOrNullObject: (n: string) => {
        const p = pivots.find((x) => x.name === n);
        return p ? pivotMock(p) : mock({ name: '' }, { isNullObject: true });
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
    wb, stats, run, pivots, charts, widths,
    failOnSync(n, message = 'GeneralException: the batch failed') { failAt = n; failMessage = message; },
  };
}
