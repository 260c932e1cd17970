// Renders the preview workbook under the pane (outside Excel only) and exposes it to tests as
// window.__meterbookPreview. Cells are shown as Excel shows them under their number formats (the
// table model's displayValue: `12,013,417`, `17 Nov 2026`, `Nov 2026`), charts are drawn, a cell
// Excel would have taken as a formula is flagged, frozen columns stay in view, and what the
// preview store could not keep is said. Clicking a cell selects it (for "Refresh selected").

import { columnLetters, displayValue } from '@meterbook/table-model';
import { drawChart } from '../workbook/preview-chart.js';
import type { PreviewNotice, PreviewStore } from '../workbook/preview-store.js';
import type { PreviewCell, PreviewWorkbook } from '../workbook/preview-workbook.js';
import { byId, clear, el, fmtInt } from './dom.js';

const SHOWN_ROWS = 40;
/** A sheet without tables (a summary) is shown whole, up to this many rows. */
const SHOWN_SUMMARY_ROWS = 400;

declare global {
  interface Window { __meterbookPreview?: PreviewApi }
}

export interface PreviewApi {
  workbook: PreviewWorkbook;
  tables: () => string[];
  records: (table: string) => Record<string, string | number | boolean>[];
  cell: (sheet: string, row: number, col: number) => PreviewCell | undefined;
  select: (sheet: string, row: number, col: number) => void;
  /** Saves now (instead of after the debounce) and answers whether it was kept. */
  flush: () => Promise<boolean>;
}

function shown(cell: PreviewCell | undefined): string {
  if (!cell) return '';
  if (cell.calculated) return typeof cell.value === 'number' ? money(cell.value, cell.format) : String(cell.value);
  if (cell.formula) return `⚠ FORMULA ${cell.formula}`;
  return displayValue(cell.value, cell.format);
}

/** A cost as Excel shows it under `[$EUR] #,##0.00`: the currency, then the number. */
function money(value: number, format: string): string {
  const m = /^\[\$(\w+)\] (.*)$/.exec(format);
  return m ? `${m[1]} ${displayValue(value, m[2] ?? '')}` : displayValue(value, format);
}

/** What the preview store says (a workbook it could not keep), above the sheets. */
export function showPreviewNotice(n: PreviewNotice): void {
  const box = byId('preview-notice');
  box.textContent = n.message;
  box.className = `message ${n.level === 'warning' ? 'warn' : 'info'}`;
  box.hidden = false;
}

export function mountPreview(wb: PreviewWorkbook, store?: PreviewStore): void {
  byId('preview').hidden = false;
  window.__meterbookPreview = {
    workbook: wb,
    tables: () => wb.model.tables.map((t) => t.name),
    records: (t) => wb.tableRecords(t),
    cell: (s, r, c) => wb.cell(s, r, c),
    select: (sheet, row, col) => { wb.model.active = { sheet, row, col }; wb.changed(); },
    flush: () => store?.flush(wb) ?? Promise.resolve(false),
  };
  let queued = false;
  const render = () => {
    queued = false;
    const host = byId('preview-sheets');
    clear(host);
    if (wb.model.sheets.length === 0) host.append(el('p', { class: 'hint' }, 'Inserted tables appear here.'));
    for (const sheet of wb.model.sheets) host.append(renderSheet(wb, sheet.name));
    for (const grid of host.querySelectorAll<HTMLTableElement>('table[data-frozen-columns]')) pinColumns(grid);
  };
  wb.onChange(() => { if (!queued) { queued = true; requestAnimationFrame(render); } });
  render();
}

function renderSheet(wb: PreviewWorkbook, name: string): HTMLElement {
  const sheet = wb.sheet(name);
  const tables = wb.model.tables.filter((t) => t.sheet === name);
  // Array.from, not map: sheet rows are sparse (the blank row under the caption is a hole).
  const shownRows = tables.length > 0 ? SHOWN_ROWS : SHOWN_SUMMARY_ROWS;
  const width = Math.max(1, ...Array.from((sheet?.rows ?? []).slice(0, shownRows), (r) => r?.length ?? 0));
  const frozen = sheet?.frozenColumns ?? 0;
  const grid = el('table', frozen > 0 ? { 'data-sheet': name, 'data-frozen-columns': String(frozen) } : { 'data-sheet': name });
  const total = sheet?.rows.length ?? 0;
  for (let r = 0; r < Math.min(total, shownRows); r++) {
    const isHeader = tables.some((t) => t.row === r);
    const tr = el('tr');
    for (let c = 0; c < width; c++) {
      const cell = wb.cell(name, r, c);
      const span = isHeader || inTable(tables, r, c) ? 1 : overflowSpan(wb, name, r, c, width);
      const classes = [typeof cell?.value === 'number' ? 'num' : span > 1 ? 'overflow' : '', c < frozen && span === 1 ? 'frozen' : ''].filter((x) => x !== '');
      const attrs: Record<string, string> = {
        ...(classes.length > 0 ? { class: classes.join(' ') } : {}),
        ...(span > 1 ? { colspan: String(span) } : {}),
        ...(c < frozen && span === 1 ? { 'data-frozen': String(c) } : {}),
      };
      const td = el(isHeader ? 'th' : 'td', attrs, shown(cell));
      const col = c;
      td.addEventListener('click', () => { wb.model.active = { sheet: name, row: r, col }; wb.changed(); });
      tr.append(td);
      c += span - 1;
    }
    grid.append(tr);
  }
  const charts = (wb.model.charts ?? []).filter((c) => c.sheet === name).map((c) => el('figure', { class: 'chart', 'data-chart': c.name }, drawChart(document, c)));
  const info = [
    tables.map((t) => `${t.name}: ${fmtInt(t.rows)} rows`).join(', '),
    total > shownRows ? `the sheet's first ${fmtInt(shownRows)} of ${fmtInt(total)} lines shown` : '',
    // Excel's own words for the selected cell (A1 style), as the Name Box shows it.
    wb.model.active?.sheet === name ? `selected cell ${columnLetters(wb.model.active.col)}${wb.model.active.row + 1}` : '',
  ].filter((x) => x !== '').join(' · ');
  // A wide sheet scrolls sideways: focusable and named so keyboard users can scroll it too.
  return el('div', { class: 'sheet', tabindex: '0', role: 'region', 'aria-label': `Sheet ${name}` }, el('h3', {}, `Sheet "${name}"`), el('p', { class: 'hint' }, info), ...charts, grid);
}

const inTable = (tables: readonly { row: number; col: number; rows: number; cols: number }[], r: number, c: number): boolean =>
  tables.some((t) => r >= t.row && r <= t.row + t.rows && c >= t.col && c < t.col + t.cols);

/** How many columns a text cell outside a table shows across: as in Excel, text runs on over the empty cells right of it. */
function overflowSpan(wb: PreviewWorkbook, sheet: string, r: number, c: number, width: number): number {
  const cell = wb.cell(sheet, r, c);
  if (typeof cell?.value !== 'string' || cell.value === '' || cell.formula !== undefined) return 1;
  let span = 1;
  const empty = (x: PreviewCell | undefined): boolean => x === undefined || (x.value === '' && x.formula === undefined);
  while (c + span < width && empty(wb.cell(sheet, r, c + span))) span++;
  return span;
}

/** Keeps a sheet's frozen columns in view while it scrolls sideways: sticky cells at the header row's offsets. */
function pinColumns(grid: HTMLTableElement): void {
  const head = Array.from(grid.rows).find((r) => r.querySelector('th') !== null) ?? grid.rows[0];
  if (!head) return;
  const lefts: number[] = [];
  let x = 0;
  for (let c = 0; c < Number(grid.dataset.frozenColumns); c++) {
    lefts.push(x);
    x += (head.children[c] as HTMLElement | undefined)?.offsetWidth ?? 0;
  }
  for (const cell of grid.querySelectorAll<HTMLElement>('[data-frozen]')) cell.style.left = `${lefts[Number(cell.dataset.frozen)] ?? 0}px`;
}
