// The cost rule, written once in code (the cost formula in formula.ts computes the same in Excel):
// a usage row's rate is the one priced rate whose provider, key and unit match and whose days
// include the row's day; its cost is quantity × unit price ÷ price per.
import { utcDay } from './cells.js';
import type { Rate } from './rate-card.js';

/** What a rate is looked up by. `unit` undefined matches any unit (for tables whose key decides the unit). */
export interface RateQuery {
  provider: string;
  key: string;
  unit?: string;
  /** The usage row's date; only its UTC day counts. */
  date: Date;
}

// Excel's `=` compares text without regard to case; so does this rule.
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Whether a rate applies to a query (provider and key already matched, or matched here). */
function applies(rate: Rate, query: RateQuery, day: number): boolean {
  return (
    rate.unitPrice !== undefined &&
    same(rate.provider, query.provider) &&
    same(rate.key, query.key) &&
    (query.unit === undefined || same(rate.unit, query.unit)) &&
    (rate.validFrom === undefined || rate.validFrom.getTime() <= day) &&
    (rate.validTo === undefined || rate.validTo.getTime() >= day)
  );
}

/** Every priced rate that matches: provider, key, unit, and Valid from <= the row's day <= Valid to (empty = open). */
export function matchRates(rateCard: readonly Rate[], query: RateQuery): Rate[] {
  const day = utcDay(query.date).getTime();
  return rateCard.filter((rate) => applies(rate, query, day));
}

/** matchRates over one rate card for many rows: the rates are grouped by provider and key once. */
export type RateMatcher = (query: RateQuery) => Rate[];

const groupKey = (provider: string, key: string): string => `${provider.toLowerCase()}\u0000${key.toLowerCase()}`;

/** A RateMatcher for a rate card; same result as matchRates, without scanning every rate per row. */
export function rateMatcher(rateCard: readonly Rate[]): RateMatcher {
  const groups = new Map<string, Rate[]>();
  for (const rate of rateCard) {
    const id = groupKey(rate.provider, rate.key);
    groups.set(id, [...(groups.get(id) ?? []), rate]);
  }
  return (query) => {
    const day = utcDay(query.date).getTime();
    return (groups.get(groupKey(query.provider, query.key)) ?? []).filter((rate) => applies(rate, query, day));
  };
}

/** The one rate among matches, or undefined when there is none or more than one. */
export function onlyRate(matches: readonly Rate[]): Rate | undefined {
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The rate of a usage row, or undefined when none matches. When two or more rates match (their
 * days overlap), there is no rate either: a cost is never taken from a guess between two prices.
 * `missingRates` and `overlappingRates` name such items so the user can fix the dates.
 */
export function lookupRate(rateCard: readonly Rate[], query: RateQuery): Rate | undefined {
  return onlyRate(matchRates(rateCard, query));
}

/** Cost of a quantity at a rate: quantity × (unit price ÷ price per), in the rate's currency; empty Price per = 1. */
export function costOf(quantity: number, rate: Rate): number {
  // Same order of operations as the cost formula, so both give the same floating-point number.
  return quantity * ((rate.unitPrice ?? 0) / (rate.pricePer ?? 1));
}

/** Pairs of priced rates for the same item whose days overlap: rows that match would get no rate. */
export function overlappingRates(rateCard: readonly Rate[]): [Rate, Rate][] {
  const pairs: [Rate, Rate][] = [];
  const priced = rateCard.filter((r) => r.unitPrice !== undefined);
  const start = (r: Rate): number => r.validFrom?.getTime() ?? Number.NEGATIVE_INFINITY;
  const end = (r: Rate): number => r.validTo?.getTime() ?? Number.POSITIVE_INFINITY;
  priced.forEach((a, i) => {
    for (const b of priced.slice(i + 1)) {
      const sameItem = same(a.provider, b.provider) && same(a.key, b.key) && same(a.unit, b.unit);
      if (sameItem && start(a) <= end(b) && start(b) <= end(a)) pairs.push([a, b]);
    }
  });
  return pairs;
}
