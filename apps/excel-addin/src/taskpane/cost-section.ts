// The Cost section of the Tables tab: "Set up rates", setting a rate (the form writes the cell of
// the rates table, so the cost columns follow), pasting a price list, "Add cost" on each table
// (a TablesTab action), and the FOCUS view. Messages about rows without a rate show here.

import { RATE_CARD_SCOPE_NOTE, type CostCellValue } from '@meterbook/table-model';
import { addCost, costStatus, type CostOutcome } from '../flows/cost.js';
import { buildFocusView } from '../flows/focus.js';
import { pastePriceList, readRatesTable, setRate, setUpRates, type RatesDeps } from '../flows/rates.js';
import type { Activity } from './activity.js';
import { costStatusList } from './cost-status-view.js';
import { byId, clear, el, fmtInt } from './dom.js';
import type { TableAction } from './tables-tab.js';

/** A rates-table cell as the form shows it. */
const cellTextOf = (value: CostCellValue): string => (value === null || value === undefined ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

const field = (id: string, label: string, attrs: Record<string, string> = {}): HTMLElement[] =>
  [el('label', { for: id }, label), el('input', { id, autocomplete: 'off', ...attrs })];

export class CostSection {
  /** The "Add cost" button of every table row (TablesTab's moreActions). */
  readonly action: TableAction = { id: 'cost', label: 'Add cost', run: (name) => this.addCost(name) };
  private readonly status = el('div', { id: 'cost-status', role: 'status', 'aria-live': 'polite' });
  private readonly item = el('select', { id: 'rate-item' });

  constructor(private readonly deps: RatesDeps, private readonly activity: Activity, private readonly tablesChanged: () => void) {
    const setup = el('button', { type: 'button', id: 'rates-setup', class: 'primary' }, 'Set up rates');
    setup.addEventListener('click', () => void this.setUp());
    const form = el('form', { id: 'rate-form', 'aria-labelledby': 'rate-form-h' },
      el('h3', { id: 'rate-form-h' }, 'Set a rate'),
      el('label', { for: 'rate-item' }, 'Item'), this.item,
      ...field('rate-price', 'Unit price', { inputmode: 'decimal' }),
      ...field('rate-currency', 'Currency (ISO code, e.g. EUR)', { maxlength: '3' }),
      ...field('rate-per', 'Price per (e.g. 1000 transactions; empty = 1)', { inputmode: 'numeric' }),
      el('button', { type: 'submit', id: 'rate-save' }, 'Save rate'));
    form.addEventListener('submit', (e) => { e.preventDefault(); void this.saveRate(); });
    this.item.addEventListener('change', () => void this.fillForm());
    const pasteButton = el('button', { type: 'button', id: 'price-list-apply' }, 'Fill rates from the list');
    pasteButton.addEventListener('click', () => void this.paste());
    const paste = el('details', { id: 'price-list-box' }, el('summary', {}, 'Paste a price list'),
      el('label', { for: 'price-list' }, 'Price list (CSV: Provider, Service, Key, Unit, Unit price, Price per, Currency, Valid from, Valid to, Notes)'),
      el('textarea', { id: 'price-list', rows: '5', spellcheck: 'false' }), pasteButton);
    const focus = el('button', { type: 'button', id: 'focus-build' }, 'Build FOCUS view');
    focus.addEventListener('click', () => void this.focus());
    byId('panel-tables').append(el('section', { id: 'cost', 'aria-labelledby': 'cost-h' },
      el('h2', { id: 'cost-h' }, 'Cost'),
      el('p', { class: 'hint', id: 'rates-scope' }, RATE_CARD_SCOPE_NOTE),
      setup, form, paste,
      el('p', { class: 'hint' }, 'FOCUS view: every Meterbook table in one table with FOCUS 1.2 column ids (FOCUS-aligned; costs from your rates).'),
      focus, this.status));
    void this.loadItems();
  }

  private async run<T>(label: string, task: () => Promise<T>): Promise<T | undefined> {
    return this.activity.run(label, () => task());
  }

  /** The rates table's rows in the Item list. */
  async loadItems(): Promise<void> {
    const table = await readRatesTable(this.deps.writer);
    const keep = this.item.value;
    clear(this.item);
    table?.rows.forEach((row, i) => {
      const unit = cellTextOf(row.unit);
      this.item.append(el('option', { value: String(i) }, `${cellTextOf(row.provider)} · ${cellTextOf(row.service) || cellTextOf(row.key)}${unit ? ` (${unit})` : ''}`));
    });
    if (!table || table.rows.length === 0) this.item.append(el('option', { value: '' }, 'Set up rates first'));
    if ([...this.item.options].some((o) => o.value === keep)) this.item.value = keep;
    await this.fillForm();
  }

  private async fillForm(): Promise<void> {
    const row = (await readRatesTable(this.deps.writer))?.rows[Number(this.item.value)];
    byId<HTMLInputElement>('rate-price').value = row ? cellTextOf(row.unitPrice) : '';
    byId<HTMLInputElement>('rate-currency').value = row ? cellTextOf(row.currency) : '';
    byId<HTMLInputElement>('rate-per').value = row ? cellTextOf(row.pricePer) : '';
  }

  private async setUp(): Promise<void> {
    const done = await this.run('Setting up rates', () => setUpRates(this.deps));
    if (!done) return;
    await this.loadItems();
    const what = done.created ? `Rates table ${done.tableName} made on its own sheet` : `Rates table ${done.tableName}`;
    this.activity.say(`${what}: ${fmtInt(done.rows)} items, ${fmtInt(done.added)} new. Type a unit price per item (or use Set a rate); nothing typed before was changed.`, 'ok');
  }

  private async saveRate(): Promise<void> {
    const row = this.item.value === '' ? -1 : Number(this.item.value);
    const rate = await this.run('Saving the rate', () => {
      if (row < 0) throw new Error('There is no rates table yet: click "Set up rates" first.');
      return setRate(this.deps, row, { unitPrice: byId<HTMLInputElement>('rate-price').value, currency: byId<HTMLInputElement>('rate-currency').value, pricePer: byId<HTMLInputElement>('rate-per').value });
    });
    if (!rate) return;
    this.activity.say(`Saved: ${rate.service || rate.key} at ${rate.unitPrice ?? ''} ${rate.currency ?? ''} per ${fmtInt(rate.pricePer ?? 1)} ${rate.unit}. The Cost columns follow.`, 'ok');
    await this.showStatus();
  }

  private async paste(): Promise<void> {
    const text = byId<HTMLTextAreaElement>('price-list').value;
    const done = await this.run('Reading the price list', () => pastePriceList(this.deps, text));
    if (!done) return;
    await this.loadItems();
    const line = `Price list: ${fmtInt(done.filled)} prices filled, ${fmtInt(done.added)} rates added to ${done.tableName}.`;
    this.activity.say(done.problems.length ? `${line} Not applied: ${done.problems.join(' ')}` : line, done.problems.length ? 'warn' : 'ok');
    await this.showStatus();
  }

  private async addCost(tableName: string): Promise<void> {
    const done = await this.run(`Adding cost to ${tableName}`, () => addCost(this.deps, tableName));
    if (!done) return;
    this.activity.say(costLine(done), done.missingRows > 0 || done.mixedCurrencies ? 'warn' : 'ok');
    this.tablesChanged();
    await this.showStatus();
  }

  private async focus(): Promise<void> {
    const done = await this.run('Building the FOCUS view', () => buildFocusView(this.deps));
    if (!done) return;
    this.activity.say(`FOCUS view (FOCUS-aligned) on sheet ${done.sheetName}: ${fmtInt(done.rows)} rows, ${fmtInt(done.costed)} with a cost from your rates.`, 'ok');
  }

  /** One line per table with a Cost column (rows without a rate, the items in a disclosure), mixed currencies. */
  async showStatus(): Promise<void> {
    const all = await costStatus(this.deps);
    clear(this.status);
    if (all.length === 0) return;
    this.status.append(costStatusList(all));
  }
}

function costLine(done: CostOutcome): string {
  const currency = done.currencies.length === 1 ? ` in ${done.currencies[0]}` : '';
  // The items without a rate can run long: the status under Cost lists them, so the message counts them.
  const missing = done.missingRows > 0 ? `${done.missingSummary}, listed under Cost.` : done.missing;
  return [`Cost column${currency} on ${done.tableName}.`, missing, done.mixedCurrencies ?? '', ...done.rateProblems].filter(Boolean).join(' ');
}
