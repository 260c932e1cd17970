// The Cost section's status: one line per table with a Cost column ("312 of 340 rows have no
// cost: 6 items") and its items in a closed disclosure under it, so a 350 px pane shows every
// table at a glance. Built from DOM nodes: item names come from the API and never become HTML.

import type { CostStatus } from '../flows/cost.js';
import { el } from './dom.js';

/** The list of every table's cost status, one entry per table. */
export function costStatusList(all: readonly CostStatus[]): HTMLUListElement {
  return el('ul', { class: 'list' }, ...all.map(costStatusItem));
}

function costStatusItem(s: CostStatus): HTMLLIElement {
  // Each reason is said once, above its items: most tables lack rates for one reason only.
  const missing = s.reasons.length === 0
    ? el('span', {}, s.summary)
    : el('details', { class: 'missing-rates' }, el('summary', {}, s.summary), ...s.reasons.flatMap((group) => [
      el('p', { class: 'missing-reason' }, `${group.reason[0]!.toUpperCase()}${group.reason.slice(1)}:`),
      el('ul', {}, ...group.items.map((line) => el('li', {}, line))),
    ]));
  // The list's items are columns: the table's name on its line, what it lacks under it.
  return el('li', { 'data-cost-table': s.tableName }, el('strong', {}, s.tableName), missing,
    s.mixedCurrencies ? el('span', { class: 'warn' }, s.mixedCurrencies) : null);
}
