// Usage rows of the Acronis report outputs: offering items with editions, applications and
// infrastructure, in the units the API uses (bytes for storage, quantity, seconds), computed on the
// fly from (seed, tenant, item, day) so any report of any size is streamed without being stored.
import { hashString, unit2 } from '../data/random.js';
import { seededUuid, type Tenant } from './tenants.js';

const GIB = 1024 ** 3;

export type Unit = 'bytes' | 'quantity' | 'seconds';

export interface OfferingItem {
  name: string;
  edition: string;
  application: string;
  unit: Unit;
  /** Storage kept in a back end; the other items have empty `infra.*`. */
  backend?: 'acronis' | 'azure' | 'google';
  sku: string;
  /** Typical size of the item for one tenant, in its unit. */
  typical: number;
}

export const OFFERING_ITEMS: readonly OfferingItem[] = [
  { name: 'storage', edition: 'standard', application: 'backup', unit: 'bytes', backend: 'acronis', sku: 'SR2AMSENS', typical: 400 * GIB },
  { name: 'storage', edition: 'per_gigabyte', application: 'backup', unit: 'bytes', backend: 'azure', sku: 'SP2AMSENS', typical: 250 * GIB },
  { name: 'storage', edition: 'per_gigabyte', application: 'backup', unit: 'bytes', backend: 'google', sku: 'SP2AGSENS', typical: 120 * GIB },
  { name: 'local_storage', edition: 'per_gigabyte', application: 'backup', unit: 'bytes', sku: 'SP2ALSENS', typical: 900 * GIB },
  { name: 'workstations', edition: 'per_workload', application: 'backup', unit: 'quantity', sku: 'SW2AMSENS', typical: 60 },
  { name: 'servers', edition: 'per_workload', application: 'backup', unit: 'quantity', sku: 'SS2AMSENS', typical: 8 },
  { name: 'vms', edition: 'per_workload', application: 'backup', unit: 'quantity', sku: 'SV2AMSENS', typical: 24 },
  { name: 'mobiles', edition: 'per_workload', application: 'backup', unit: 'quantity', sku: 'SM2AMSENS', typical: 30 },
  { name: 'mailboxes', edition: 'per_workload', application: 'backup', unit: 'quantity', sku: 'SO2AMSENS', typical: 75 },
  { name: 'adv_security_workstations', edition: 'advanced_security', application: 'backup', unit: 'quantity', sku: 'SX2AMSENS', typical: 40 },
  { name: 'dr_storage', edition: 'disaster_recovery', application: 'disaster_recovery', unit: 'bytes', backend: 'acronis', sku: 'DR2AMSENS', typical: 300 * GIB },
  { name: 'compute_points', edition: 'disaster_recovery', application: 'disaster_recovery', unit: 'seconds', sku: 'DC2AMSENS', typical: 86_400 },
  { name: 'public_ips', edition: 'disaster_recovery', application: 'disaster_recovery', unit: 'quantity', sku: 'DI2AMSENS', typical: 3 },
  { name: 'fc_seats', edition: 'files_cloud', application: 'files_cloud', unit: 'quantity', sku: 'FS2AMSENS', typical: 45 },
  { name: 'fc_storage', edition: 'files_cloud', application: 'files_cloud', unit: 'bytes', backend: 'acronis', sku: 'FC2AMSENS', typical: 150 * GIB },
  { name: 'notary_storage', edition: 'notary', application: 'notary', unit: 'bytes', backend: 'acronis', sku: 'NT2AMSENS', typical: 20 * GIB },
];

export const CSV_COLUMNS = [
  'tenant.id', 'tenant.kind', 'name', 'edition', 'application.id', 'infra.backend_type', 'infra.id', 'infra.owner_id',
  'usage.absolute.production', 'usage.absolute.total', 'usage.absolute.trial',
  'usage.delta.production', 'usage.delta.total', 'usage.delta.trial',
  'usage.effective.production', 'usage.effective.total', 'usage.effective.trial',
] as const;

export interface Triple { production: number; total: number; trial: number }

export interface UsageRow {
  tenant: Tenant;
  item: OfferingItem;
  applicationId: string;
  infra?: { backend_type: string; id: string; owner_id: string };
  absolute: Triple;
  delta: Triple;
  effective: Triple;
  /** `usage_daily` rows carry their day. */
  date?: string;
}

export interface OutputSpec {
  seed: number;
  kind: string;
  /** Day numbers (days since 1970-01-01 UTC), both included. */
  startDay: number;
  endDay: number;
  hideZero: boolean;
  showSkus: boolean;
  /** Exact number of data rows, when asked for (extra synthetic customers are added as needed). */
  rows?: number;
  /** Owner of the infrastructure (the partner). */
  ownerId: string;
}

const DAY_MS = 86_400_000;
export const dayNumber = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const dayText = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The tenant's amount of an item at the end of a day: growth, noise and trials, all seeded. */
function amount(seed: number, key: number, item: OfferingItem, day: number): { production: number; trial: number } {
  const size = unit2(key, seed);
  if (size < 0.15) return { production: 0, trial: 0 }; // the tenant does not use this item
  const base = item.typical * (0.2 + 1.6 * unit2(key, 7));
  const growth = 1 + 0.0015 * (day - 19_000) * unit2(key, 11);
  const noise = 1 + 0.02 * (unit2(key, day) - 0.5);
  let production = base * Math.max(0.1, growth) * noise;
  let trial = unit2(key, 13) < 0.2 ? base * 0.1 * (1 + 0.05 * unit2(key, day + 1)) : 0;
  if (item.unit !== 'bytes') {
    production = Math.round(production);
    trial = Math.round(trial);
  } else {
    production = Math.floor(production);
    trial = Math.floor(trial);
  }
  return { production, trial };
}

function triple(p: number, t: number): Triple {
  return { production: p, total: p + t, trial: t };
}

/** Billed amounts: storage rounded up to whole GiB, compute time to whole hours, quantities as they are. */
function effective(value: number, unit: Unit): number {
  if (unit === 'bytes') return Math.ceil(value / GIB) * GIB;
  if (unit === 'seconds') return Math.ceil(value / 3600) * 3600;
  return value;
}

const uuidCache = new Map<string, string>();
/** Ids that repeat on every row (applications, infrastructure) are hashed once. */
function cachedUuid(seed: number, name: string): string {
  const key = `${seed}/${name}`;
  let id = uuidCache.get(key);
  if (id === undefined) {
    id = seededUuid(seed, name);
    if (uuidCache.size > 10_000) uuidCache.clear();
    uuidCache.set(key, id);
  }
  return id;
}

function row(spec: OutputSpec, tenant: Tenant, item: OfferingItem, index: number, fromDay: number, toDay: number, date?: string): UsageRow {
  const key = hashString(`${tenant.id}/${index}`, spec.seed);
  const now = amount(spec.seed, key, item, toDay);
  const before = amount(spec.seed, key, item, fromDay - 1);
  const absolute = triple(now.production, now.trial);
  const delta = triple(Math.max(0, now.production - before.production), Math.max(0, now.trial - before.trial));
  const eff = triple(effective(now.production, item.unit), effective(now.trial, item.unit));
  const out: UsageRow = { tenant, item, applicationId: cachedUuid(0, `application/${item.application}`), absolute, delta, effective: eff };
  if (item.backend) {
    out.infra = { backend_type: item.backend, id: cachedUuid(spec.seed, `infra/${item.backend}/${item.name}`), owner_id: spec.ownerId };
  }
  if (date) out.date = date;
  return out;
}

/** Synthetic customers appended when an exact row count needs more tenants than the tree has. */
function* withSynthetic(spec: OutputSpec, tenants: readonly Tenant[], parentId: string): Generator<Tenant> {
  yield* tenants;
  if (spec.rows === undefined) return;
  for (let i = 1; ; i++) {
    yield {
      id: seededUuid(spec.seed, `synthetic/${i}`), version: 1, name: `Benchmark Customer ${String(i).padStart(6, '0')}`,
      kind: 'customer', parent_id: parentId, enabled: true,
    };
  }
}

/** The rows of one tenant. */
function* tenantRows(spec: OutputSpec, tenant: Tenant): Generator<UsageRow> {
  for (let i = 0; i < OFFERING_ITEMS.length; i++) {
    const item = OFFERING_ITEMS[i]!;
    if (spec.kind === 'usage_daily') {
      for (let d = spec.startDay; d <= spec.endDay; d++) {
        const r = row(spec, tenant, item, i, d, d, dayText(d));
        if (!(spec.hideZero && r.absolute.total === 0 && r.delta.total === 0)) yield r;
      }
    } else {
      const r = row(spec, tenant, item, i, spec.startDay, spec.endDay);
      if (!(spec.hideZero && r.absolute.total === 0 && r.delta.total === 0)) yield r;
    }
  }
}

/** Every row of an output, tenant by tenant; exactly `spec.rows` rows when that is set. */
export function* usageRows(spec: OutputSpec, tenants: readonly Tenant[], parentId: string): Generator<UsageRow> {
  let count = 0;
  const limit = spec.rows ?? Number.POSITIVE_INFINITY;
  if (limit <= 0) return;
  for (const tenant of withSynthetic(spec, tenants, parentId)) {
    for (const r of tenantRows(spec, tenant)) {
      yield r;
      if (++count >= limit) return;
    }
  }
}

// ---- formats -----------------------------------------------------------------------------

const CHUNK = 64 * 1024;

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvHeader(spec: OutputSpec): string[] {
  const columns: string[] = [...CSV_COLUMNS, 'tenant.name'];
  if (spec.kind === 'usage_daily') columns.push('date');
  if (spec.showSkus) columns.push('sku');
  return columns;
}

function csvLine(spec: OutputSpec, r: UsageRow): string {
  const cells: (string | number)[] = [
    r.tenant.id, r.tenant.kind, r.item.name, r.item.edition, r.applicationId,
    r.infra?.backend_type ?? '', r.infra?.id ?? '', r.infra?.owner_id ?? '',
    r.absolute.production, r.absolute.total, r.absolute.trial,
    r.delta.production, r.delta.total, r.delta.trial,
    r.effective.production, r.effective.total, r.effective.trial,
    r.tenant.name,
  ];
  if (spec.kind === 'usage_daily') cells.push(r.date ?? '');
  if (spec.showSkus) cells.push(r.item.sku);
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** `csv_v2_0`: a header row, then one line per row (CRLF, RFC 4180 quoting), in ~64 KiB chunks. */
export function* csvChunks(spec: OutputSpec, rows: Iterable<UsageRow>): Generator<string> {
  let buffer = `${csvHeader(spec).map(csvField).join(',')}\r\n`;
  for (const r of rows) {
    buffer += csvLine(spec, r);
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

function usageObject(spec: OutputSpec, r: UsageRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: r.item.name, edition: r.item.edition, application: { id: r.applicationId },
    infra: r.infra ?? null, usage: { absolute: r.absolute, delta: r.delta, effective: r.effective },
  };
  if (r.date) out.date = r.date;
  if (spec.showSkus) out.sku = r.item.sku;
  return out;
}

/**
 * `json_v2_0`: `{ params, tenants: [{ id, kind, name, usages: [...] }] }`, where each usage's
 * nested paths match the CSV columns (`application.id`, `infra.backend_type`, `usage.absolute.total`).
 */
export function* jsonChunks(spec: OutputSpec, params: Record<string, unknown>, rows: Iterable<UsageRow>): Generator<string> {
  let buffer = `{"params":${JSON.stringify(params)},"tenants":[`;
  let current: string | undefined;
  let firstTenant = true;
  let firstUsage = true;
  for (const r of rows) {
    if (r.tenant.id !== current) {
      if (current !== undefined) buffer += ']}';
      buffer += `${firstTenant ? '' : ','}{"id":${JSON.stringify(r.tenant.id)},"kind":${JSON.stringify(r.tenant.kind)},"name":${JSON.stringify(r.tenant.name)},"usages":[`;
      firstTenant = false;
      firstUsage = true;
      current = r.tenant.id;
    }
    buffer += `${firstUsage ? '' : ','}${JSON.stringify(usageObject(spec, r))}`;
    firstUsage = false;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (current !== undefined) buffer += ']}';
  yield `${buffer}]}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** `html`: the same table for people. */
export function* htmlChunks(spec: OutputSpec, rows: Iterable<UsageRow>): Generator<string> {
  const header = csvHeader(spec);
  let buffer = `<!doctype html><html><head><meta charset="utf-8"><title>Usage report</title></head><body><table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>\n`;
  for (const r of rows) {
    const cells = [r.tenant.id, r.tenant.kind, r.item.name, r.item.edition, r.applicationId, r.infra?.backend_type ?? '', r.infra?.id ?? '', r.infra?.owner_id ?? '',
      r.absolute.production, r.absolute.total, r.absolute.trial, r.delta.production, r.delta.total, r.delta.trial,
      r.effective.production, r.effective.total, r.effective.trial, r.tenant.name];
    if (spec.kind === 'usage_daily') cells.push(r.date ?? '');
    if (spec.showSkus) cells.push(r.item.sku);
    buffer += `<tr>${cells.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>\n`;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  yield `${buffer}</tbody></table></body></html>\n`;
}
