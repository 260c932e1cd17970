// Captions and sheet names in words: inclusive end dates, years always shown, UTC said once.
//   HERE usage · org123456789 · 1 Nov 2026 – 30 Nov 2026 (UTC) · by day · grouped by billing tag ·
//   6,164 rows · refreshed 1 Dec 2026 18:49 UTC

import { GROUP_BY_CHOICES, type PullParams } from './here-columns.js';
import { monthsBetween, parseUtcDate } from './excel-date.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** `1 Nov 2026` (UTC). */
export const dayWords = (d: Date): string => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
/** `Nov 2026` (UTC). */
export const monthWords = (d: Date): string => `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
/** `1 Dec 2026 18:49 UTC`. */
export const timeWords = (d: Date): string => `${dayWords(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;

const isMidnight = (d: Date): boolean => d.getTime() % DAY_MS === 0;
const str = (v: string | readonly string[] | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const rowsWords = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;

/**
 * A half-open range [start, end) in words with the end included: `1 Nov 2026 – 30 Nov 2026`.
 * A range within one day names that day once (`1 Dec 2026`, `1 Nov 2026 06:00 – 11:59`).
 */
export function periodWords(start: Date, endExclusive: Date): string {
  if (isMidnight(start) && isMidnight(endExclusive)) {
    const last = dayWords(new Date(endExclusive.getTime() - DAY_MS));
    const first = dayWords(start);
    return first === last ? first : `${first} – ${last}`;
  }
  const end = new Date(endExclusive.getTime() - 60_000);
  const hm = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const sameDay = dayWords(start) === dayWords(end);
  return `${dayWords(start)} ${hm(start)} – ${sameDay ? '' : `${dayWords(end)} `}${hm(end)}`;
}

/** Whole calendar months in a short form (`Nov 2026`, `Sep 2026 – Nov 2026`), else the days. */
function shortPeriod(start: Date, endExclusive: Date): string {
  const firstOfMonth = (d: Date): boolean => isMidnight(d) && d.getUTCDate() === 1;
  if (firstOfMonth(start) && firstOfMonth(endExclusive)) {
    const last = new Date(Date.UTC(endExclusive.getUTCFullYear(), endExclusive.getUTCMonth() - 1, 1));
    return last.getTime() === start.getTime() ? monthWords(start) : `${monthWords(start)} – ${monthWords(last)}`;
  }
  return periodWords(start, endExclusive);
}

const DETAIL_WORDS: Readonly<Record<string, string>> = { summarized: 'summarized', hour: 'by hour', day: 'by day', month: 'by month' };
const GROUP_WORDS = new Map(GROUP_BY_CHOICES.map((c) => [c.value, c.label.toLowerCase()]));
const FILTER_WORDS: Readonly<Record<string, string>> = {
  featureId: 'feature', appId: 'app', projectHrn: 'project', billingTag: 'billing tag', category: 'category', channelId: 'channel', billingSubscriptionId: 'subscription',
};

/** `a`, `a and b`, `a, b and c`. */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function hereRange(p: PullParams): { start: Date; end: Date } | undefined {
  const start = parseUtcDate(str(p.startDate));
  const end = parseUtcDate(str(p.endDate));
  return start && end ? { start, end } : undefined;
}

/** What a HERE table holds, in one line. */
export interface HereCaptionInput {
  source: 'usage' | 'report';
  realmId: string;
  params: PullParams;
  rows: number;
  refreshedAt: Date;
  reportId?: string;
  subAccounts?: readonly string[];
}

/** The caption of a HERE usage or report table, in words. */
export function hereCaption(c: HereCaptionInput): string {
  const p = c.params;
  const range = hereRange(p);
  const detail = str(p.detailLevel) ?? 'summarized';
  const groups = (str(p.groupBy) ?? '').split(',').map((g) => g.trim()).filter(Boolean).map((g) => GROUP_WORDS.get(g) ?? g);
  const filters = Object.entries(FILTER_WORDS).flatMap(([k, word]) => {
    const v = p[k];
    const values = typeof v === 'string' ? [v] : [...(v ?? [])];
    return values.length ? [`${word} “${values.join('”, “')}”`] : [];
  });
  const what = c.source === 'usage' ? 'HERE usage' : `HERE report${c.reportId ? ` ${c.reportId}` : ''}`;
  const who = c.subAccounts?.length ? `${c.realmId} (subaccounts ${c.subAccounts.join(', ')})` : c.realmId;
  return [
    what,
    who,
    range ? `${periodWords(range.start, range.end)} (UTC)` : 'period not known',
    DETAIL_WORDS[detail] ?? detail,
    ...(groups.length ? [`grouped by ${andList(groups)}`] : []),
    ...(filters.length ? [`only ${andList(filters)}`] : []),
    rowsWords(c.rows),
    `refreshed ${timeWords(c.refreshedAt)}`,
  ].join(' · ');
}

/** Excel's limit on the length of a sheet name. */
const SHEET_NAME_MAX = 31;

/**
 * `word` and the period in the first form that fits a sheet name, so the writer never cuts a year
 * off: `1 Nov 2026 – 9 Dec 2026`, `1 Nov – 9 Dec 2026`, `1–9 Nov 2026`, `20 Nov 2026–10 Jan 2027`, and
 * then the same with the word's first part only.
 */
function sheetName(word: string, start: Date, endExclusive: Date): string {
  const full = `${word} ${shortPeriod(start, endExclusive)}`;
  if (full.length <= SHEET_NAME_MAX || !isMidnight(start) || !isMidnight(endExclusive)) return full;
  const last = new Date(endExclusive.getTime() - DAY_MS);
  const sameYear = start.getUTCFullYear() === last.getUTCFullYear();
  const sameMonth = sameYear && start.getUTCMonth() === last.getUTCMonth();
  const dayMonth = `${start.getUTCDate()} ${MONTHS[start.getUTCMonth()]}`;
  const periods = [
    ...(sameYear ? [`${dayMonth} – ${dayWords(last)}`] : []),
    ...(sameMonth ? [`${start.getUTCDate()}–${dayWords(last)}`] : []),
    `${dayWords(start)}–${dayWords(last)}`,
  ];
  // Then without the word's qualifier (`Acronis daily` -> `Acronis`): the caption still says it.
  const words = [...new Set([word, word.split(' ')[0]!])];
  return words.flatMap((w) => periods.map((period) => `${w} ${period}`)).find((c) => c.length <= SHEET_NAME_MAX) ?? full;
}

/** `Usage Nov 2026`, `Usage 20 Nov 2026 – 10 Jan 2027`, within Excel's 31 characters when it can be. */
export function hereSheetName(source: 'usage' | 'report', p: PullParams, reportId?: string): string {
  const range = hereRange(p);
  const what = source === 'usage' ? 'Usage' : 'Report';
  if (!range) return reportId ? `${what} ${reportId}` : what;
  return sheetName(what, range.start, range.end);
}

const ACRONIS_KIND_WORDS: Readonly<Record<string, string>> = { usage_summary: 'usage summary', usage_daily: 'daily usage', usage_current: 'current usage' };
const ACRONIS_LEVEL_WORDS: Readonly<Record<string, string>> = {
  accounts: 'accounts', itself: 'itself', all_customers: 'all customers', direct_partners: 'direct partners', all_partners: 'all partners',
};

/** Acronis periods are days, both included (`yyyy-mm-dd`). */
function acronisRange(p: PullParams): { start: Date; end: Date } | undefined {
  const start = parseUtcDate(str(p.start));
  const last = parseUtcDate(str(p.end));
  return start && last ? { start, end: new Date(last.getTime() + DAY_MS) } : undefined;
}

/** What an Acronis table holds, in one line. */
export interface AcronisCaptionInput {
  params: PullParams;
  tenantName: string;
  rows: number;
  refreshedAt: Date;
}

/** The caption of an Acronis table, in words. */
export function acronisCaption(c: AcronisCaptionInput): string {
  const kind = str(c.params.kind) ?? '';
  const level = str(c.params.level) ?? '';
  const range = acronisRange(c.params);
  return [
    `Acronis ${ACRONIS_KIND_WORDS[kind] ?? kind}`,
    `${ACRONIS_LEVEL_WORDS[level] ?? level} of tenant “${c.tenantName}”`,
    range ? `${periodWords(range.start, range.end)} (UTC)` : 'current usage',
    rowsWords(c.rows),
    `refreshed ${timeWords(c.refreshedAt)}`,
  ].join(' · ');
}

/** `Acronis daily 1–9 Jun 2025`, `Acronis 11 Nov – 1 Dec 2026`, `Acronis current`. */
export function acronisSheetName(p: PullParams): string {
  const range = acronisRange(p);
  const kind = str(p.kind);
  const word = kind === 'usage_daily' ? 'Acronis daily' : kind === 'usage_current' ? 'Acronis current' : 'Acronis';
  return range ? sheetName(word, range.start, range.end) : word;
}

/** The months a remembered query covers (first days), for summaries laid out before any row is read. */
export function monthsOfParams(p: PullParams): Date[] {
  const range = hereRange(p) ?? acronisRange(p);
  return range ? monthsBetween(range.start, range.end) : [];
}

/** What a history table's last pull or refresh did with its month windows. */
export interface HistoryStatusInput {
  kept: number;
  pulled: number;
  dropped: number;
  rowsAdded: number;
  rowsRemoved: number;
  /** Set when the last refresh failed (the rows are those of the run above). */
  failure?: { at: Date; error: string };
}

const monthsWords = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'month' : 'months'}`;

/**
 * The history part of a caption: `history: 12 months kept, 1 re-pulled · +31 / −30 rows`, or, for
 * the first pull, `history: 13 months pulled`; a failed refresh adds `· last refresh failed <when>: <why>`.
 */
export function historyStatusWords(s: HistoryStatusInput): string {
  const failed = s.failure ? ` · last refresh failed ${timeWords(s.failure.at)}: ${s.failure.error}` : '';
  const first = s.kept === 0 && s.dropped === 0 && s.rowsRemoved === 0;
  if (first) return `history: ${monthsWords(s.pulled)} pulled${failed}`;
  const parts = [`${monthsWords(s.kept)} kept`, `${s.pulled.toLocaleString('en-US')} re-pulled`];
  if (s.dropped > 0) parts.push(`${s.dropped.toLocaleString('en-US')} dropped`);
  return `history: ${parts.join(', ')} · +${s.rowsAdded.toLocaleString('en-US')} / −${s.rowsRemoved.toLocaleString('en-US')} rows${failed}`;
}
