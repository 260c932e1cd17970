// The columns of HERE usage and report tables: one list, in a finance user's order and words, so a
// usage table and a report table of the same records have the same columns.

import type { UsageApiComponents } from '@meterbook/sdk';
import { textColumn as text, type Choice, type ColumnDef } from './columns.js';
import { DECIMAL_FORMAT, MONTH_FORMAT, dateFormatFor } from './formats.js';

/** The parameters a table remembers (plain strings and lists, as the add-in's query store keeps them). */
export type PullParams = Readonly<Record<string, string | readonly string[]>>;

/** Where HERE rows come from: the paged JSON API or a report's CSV (which has no usage type code). */
export type HereSource = 'usage' | 'report';

const quantity = (key: string, header: string): ColumnDef => ({ key, header, kind: 'number', format: DECIMAL_FORMAT, width: 16, unitField: 'valueDriver' });

/** The Month column reads the record's date and holds the first of its month. */
export const MONTH_KEY = 'month';
/** The HERE record's date field. */
export const DATE_KEY = 'usageDateTime';

function dateColumn(detailLevel: string | undefined): ColumnDef {
  const header = detailLevel === 'hour' ? 'Date and time (UTC)' : 'Date';
  return { key: DATE_KEY, header, kind: 'date', format: dateFormatFor(detailLevel), width: detailLevel === 'hour' ? 18 : 12 };
}

/** The Month column over a date field (`usageDateTime`, Acronis `date`). */
export const monthColumn = (field: string): ColumnDef => ({ key: MONTH_KEY, header: 'Month', kind: 'month', format: MONTH_FORMAT, width: 10, field });

// Readable name first, ids after, the feature HRN last.
const BODY: readonly ColumnDef[] = [
  text('name', 'Service', 28),
  text('category', 'Category', 18),
  quantity('usageValue', 'Quantity'),
  quantity('billableValue', 'Billable quantity'),
  text('valueDriver', 'Unit', 12),
  text('billingTag', 'Billing tag', 20),
  text('projectHrn', 'Project', 36),
  text('appId', 'App', 16),
  text('resource', 'Resource', 36, { aliases: ['resourceHrn'] }),
  text('billingSubscriptionId', 'Subscription', 16),
  text('billingChargeNumber', 'Charge number', 16),
  text('usageTypeCode', 'Usage type', 20),
  text('realmId', 'Realm', 14),
  text('orgName', 'Organization', 20),
  text('featureId', 'Feature HRN', 40),
];
const BODY_BY_KEY = new Map(BODY.map((c) => [c.key, c]));

/** `groupBy` values and the record field each one fills. */
const GROUPED_FIELD: Readonly<Record<string, string>> = { project: 'projectHrn', billingTag: 'billingTag', appId: 'appId', resource: 'resource' };
const GROUPED_FIELDS = new Set(Object.values(GROUPED_FIELD));

/** The group-by choices of the pane, in the headers' words. */
export const GROUP_BY_CHOICES: readonly Choice[] = [
  { value: 'project', label: 'Project' },
  { value: 'billingTag', label: 'Billing tag' },
  { value: 'appId', label: 'App' },
  { value: 'resource', label: 'Resource' },
];

/** A field the API's `usageFields` takes (the spec's UsageField list). */
export type UsageField = UsageApiComponents['schemas']['UsageField'];

// A Record over the spec's list: a field added to the spec fails the typecheck until it has words.
const FIELD_LABELS: Readonly<Record<UsageField, string>> = {
  name: 'Service', category: 'Category', usageValue: 'Quantity', billableValue: 'Billable quantity', valueDriver: 'Unit',
  resource: 'Resource', billingSubscriptionId: 'Subscription', billingChargeNumber: 'Charge number', realmId: 'Realm', featureId: 'Feature HRN',
};

/** The `usageFields` choices of the pane, in the headers' words and order. */
export const FIELD_CHOICES: readonly Choice[] = (Object.entries(FIELD_LABELS) as [UsageField, string][]).map(([value, label]) => ({ value, label }));

/** The detail-level choices of the pane. */
export const DETAIL_CHOICES: readonly Choice[] = [
  { value: 'summarized', label: 'Summarized (no dates)' },
  { value: 'month', label: 'By month' },
  { value: 'day', label: 'By day' },
  { value: 'hour', label: 'By hour' },
];

const str = (v: string | readonly string[] | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: string | readonly string[] | undefined): string[] => (typeof v === 'string' ? v.split(',') : [...(v ?? [])]).map((s) => s.trim()).filter(Boolean);

/** True when the records of this pull carry a date (every detail level but `summarized`). */
export function isTimed(detailLevel: string | undefined): boolean {
  return detailLevel === 'hour' || detailLevel === 'day' || detailLevel === 'month';
}

/** The record fields a grouping fills (`billingTag` -> `billingTag`, `project` -> `projectHrn`). */
export function groupedFields(groupBy: string | readonly string[] | undefined): Set<string> {
  return new Set(list(groupBy).map((g) => GROUPED_FIELD[g]).filter((f): f is string => f !== undefined));
}

/**
 * The columns a HERE pull shows. A column the pull can never fill is left out: the grouped fields
 * (project, billing tag, app, resource) unless grouped or asked for, the usage type code in report
 * CSVs (they do not carry it), the organization unless the report has one that differs from the
 * realm. Fields asked for in `usageFields` stay even when empty. Date and Month when timed.
 */
export function hereColumns(params: PullParams, opts: { source?: HereSource; withOrgName?: boolean } = {}): ColumnDef[] {
  const detailLevel = str(params.detailLevel);
  const asked = new Set(list(params.usageFields).map((f) => (f === 'resourceHrn' ? 'resource' : f)));
  const grouped = groupedFields(params.groupBy);
  const body = BODY.filter((c) => {
    if (c.key === 'orgName') return opts.withOrgName === true;
    if (c.key === 'usageTypeCode' && opts.source === 'report') return false;
    if (asked.size > 0) return asked.has(c.key);
    return GROUPED_FIELDS.has(c.key) ? grouped.has(c.key) : true;
  });
  return isTimed(detailLevel) ? [dateColumn(detailLevel), monthColumn(DATE_KEY), ...body] : body;
}

/** The column of a remembered key (refresh rewrites the same columns); unknown keys become text. */
export function hereColumnByKey(key: string, detailLevel: string | undefined): ColumnDef {
  if (key === DATE_KEY) return dateColumn(detailLevel);
  if (key === MONTH_KEY) return monthColumn(DATE_KEY);
  if (key === 'resourceHrn') return BODY_BY_KEY.get('resource') as ColumnDef;
  return BODY_BY_KEY.get(key) ?? text(key, key, 16);
}

/** True when a report's organization column says more than its realm column (the server repeats the id). */
export function orgNameDiffers(rows: Iterable<Readonly<Record<string, unknown>>>): boolean {
  for (const r of rows) if (typeof r.orgName === 'string' && r.orgName !== '' && r.orgName !== r.realmId) return true;
  return false;
}
