// An in-memory workbook that behaves like Excel where it matters to us: a string written into a
// cell that is not text-formatted is parsed the way Excel parses typed input (formulas, numbers,
// the apostrophe prefix). The preview writer and the Office.js mock in tests both sit on it, so a
// hostile string that would become a formula in Excel is caught as one here.

import { TEXT_NUMBER_FORMAT } from '@meterbook/table-model';

export type PreviewValue = string | number | boolean;

export interface PreviewCell {
  value: PreviewValue;
  format: string;
  /** Set when Excel would have taken the input as a formula. */
  formula?: string;
  quotePrefix?: boolean;
  /** One of our Cost cells: `value` is what its formula gives (preview-cost.ts computes it). */
  calculated?: boolean;
}

export interface PreviewSheet {
  name: string;
  rows: (PreviewCell | undefined)[][];
  frozenRows: number;
  /** Columns frozen at the left, when any (Excel's freeze panes). */
  frozenColumns?: number;
  /** Column width hints in characters (the table model's), when the writer set them. */
  widths?: number[];
}

/** A chart on a preview sheet: what preview-chart.ts draws (categories along x, one series each). */
export interface PreviewChart {
  name: string;
  sheet: string;
  title: string;
  /** Cell of the top-left corner. */
  row: number;
  col: number;
  /** Labels along the x axis (months, `Nov 2026`). */
  categories: string[];
  series: { name: string; color: string; values: number[] }[];
}

export interface PreviewTable {
  id: string;
  name: string;
  sheet: string;
  row: number;
  col: number;
  /** Data rows (header excluded). */
  rows: number;
  cols: number;
  style: string;
}

export interface PreviewModel {
  sheets: PreviewSheet[];
  tables: PreviewTable[];
  names: Record<string, { sheet: string; row: number; col: number }>;
  settings: Record<string, string>;
  active: { sheet: string; row: number; col: number } | undefined;
  /** Summary sheets by source table (absent in models saved before summaries existed). */
  summaries?: Record<string, { sheet: string; orphaned?: boolean }>;
  charts?: PreviewChart[];
  /** Cost columns by table (preview-cost.ts computes them: the preview cannot run Excel formulas). */
  costColumns?: Record<string, PreviewCostColumn>;
}

/** A table's Cost column: its header and where its inputs are (a JSON-safe CostBinding: a fixed date as ISO text). */
export interface PreviewCostColumn {
  header: string;
  /** The cost currency column beside it (absent in models saved before it existed). */
  currencyHeader?: string;
  binding: Record<string, unknown>;
}

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** What Excel stores for an input value under a number format. */
export function interpretInput(input: PreviewValue, format: string): PreviewCell {
  if (typeof input !== 'string' || format === TEXT_NUMBER_FORMAT) return { value: input, format };
  if (input.startsWith("'")) return { value: input.slice(1), format, quotePrefix: true };
  if (/^[=+\-@]/.test(input) && input.length > 1 && !NUMERIC.test(input)) return { value: '', format, formula: input };
  if (NUMERIC.test(input)) return { value: Number(input), format };
  return { value: input, format };
}

export class PreviewWorkbook {
  model: PreviewModel;
  private listeners = new Set<() => void>();

  constructor(model?: PreviewModel) {
    this.model = model ?? { sheets: [], tables: [], names: {}, settings: {}, active: undefined };
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed(): void {
    for (const fn of this.listeners) fn();
  }

  sheet(name: string): PreviewSheet | undefined {
    return this.model.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): PreviewSheet {
    const s: PreviewSheet = { name, rows: [], frozenRows: 0 };
    this.model.sheets.push(s);
    return s;
  }

  deleteSheet(name: string): void {
    this.model.sheets = this.model.sheets.filter((s) => s.name !== name);
    this.model.tables = this.model.tables.filter((t) => t.sheet !== name);
    this.model.charts = this.model.charts?.filter((c) => c.sheet !== name);
    for (const [k, v] of Object.entries(this.model.names)) if (v.sheet === name) delete this.model.names[k];
  }

  table(name: string): PreviewTable | undefined {
    return this.model.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  cell(sheet: string, row: number, col: number): PreviewCell | undefined {
    return this.sheet(sheet)?.rows[row]?.[col];
  }

  /** Writes a block; `formats` (same shape) is applied first, as our writers do. */
  write(sheet: string, row: number, col: number, values: readonly (readonly PreviewValue[])[], formats?: readonly (readonly string[])[]): void {
    const s = this.sheet(sheet);
    if (!s) throw new Error(`No sheet ${sheet}`);
    values.forEach((line, r) => {
      const target = (s.rows[row + r] ??= []);
      line.forEach((v, c) => {
        const format = formats?.[r]?.[c] ?? target[col + c]?.format ?? 'General';
        target[col + c] = v === '' ? { value: '', format } : interpretInput(v, format);
      });
    });
  }

  setFormats(sheet: string, row: number, col: number, formats: readonly (readonly string[])[]): void {
    const s = this.sheet(sheet);
    if (!s) throw new Error(`No sheet ${sheet}`);
    formats.forEach((line, r) => {
      const target = (s.rows[row + r] ??= []);
      line.forEach((f, c) => {
        const cur = target[col + c];
        target[col + c] = cur ? { ...cur, format: f } : { value: '', format: f };
      });
    });
  }

  clear(sheet: string, row: number, col: number, rows: number, cols: number): void {
    const s = this.sheet(sheet);
    for (let r = row; r < row + rows; r++) {
      const line = s?.rows[r];
      if (!line) continue;
      for (let c = col; c < col + cols; c++) delete line[c];
    }
  }

  /** Inserts `n` empty rows at `at` (0-based): what is at or below moves down, tables and names too. */
  insertRows(sheet: string, at: number, n: number): void {
    const s = this.sheet(sheet);
    if (!s || n <= 0) return;
    if (s.rows.length > at) s.rows.splice(at, 0, ...Array.from({ length: n }, () => []));
    for (const t of this.model.tables) if (t.sheet === s.name && t.row >= at) t.row += n;
    for (const v of Object.values(this.model.names)) if (v.sheet === s.name && v.row >= at) v.row += n;
  }

  /**
   * Deletes a block, shifting the cells below it (in its columns) up, as Excel's Range.delete(Up):
   * a table spanning those columns loses the deleted data rows, or moves up when it is below.
   */
  deleteCellsUp(sheet: string, row: number, col: number, rows: number, cols: number): void {
    const s = this.sheet(sheet);
    if (!s || rows <= 0) return;
    for (let r = row; r < s.rows.length; r++) {
      const line = (s.rows[r] ??= []);
      const from = s.rows[r + rows];
      for (let c = col; c < col + cols; c++) {
        const moved = from?.[c];
        if (moved) line[c] = moved;
        else delete line[c];
      }
    }
    for (const t of this.model.tables) {
      if (t.sheet !== s.name || t.col < col || t.col + t.cols > col + cols) continue;
      if (t.row >= row + rows) t.row -= rows;
      else if (t.row < row && row <= t.row + t.rows) t.rows -= Math.min(rows, t.row + t.rows - row + 1);
    }
  }

  /** Non-empty cells in a block, as [row, col] pairs (0-based). */
  occupied(sheet: string, row: number, col: number, rows: number, cols: number): [number, number][] {
    const s = this.sheet(sheet);
    const found: [number, number][] = [];
    if (!s) return found;
    for (let r = row; r < Math.min(row + rows, s.rows.length); r++) {
      const line = s.rows[r];
      if (!line) continue;
      for (let c = col; c < col + cols; c++) {
        const cell = line[c];
        if (cell && (cell.value !== '' || cell.formula)) found.push([r, c]);
      }
    }
    return found;
  }

  /** Values of a block as Excel would return them (formulas show as their text here, but our Cost cells give their value). */
  values(sheet: string, row: number, col: number, rows: number, cols: number): PreviewValue[][] {
    const out: PreviewValue[][] = [];
    for (let r = row; r < row + rows; r++) {
      const line: PreviewValue[] = [];
      for (let c = col; c < col + cols; c++) {
        const cell = this.cell(sheet, r, c);
        line.push(cell ? (cell.calculated ? cell.value : cell.formula ?? cell.value) : '');
      }
      out.push(line);
    }
    return out;
  }

  /** Data rows of a table as objects keyed by header text. */
  tableRecords(name: string): Record<string, PreviewValue>[] {
    const t = this.table(name);
    if (!t) return [];
    const [header = []] = this.values(t.sheet, t.row, t.col, 1, t.cols);
    return this.values(t.sheet, t.row + 1, t.col, t.rows, t.cols).map((line) =>
      Object.fromEntries(header.map((h, i) => [String(h), line[i] as PreviewValue])),
    );
  }

  toJSON(): PreviewModel {
    return this.model;
  }
}
