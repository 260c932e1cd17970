// The deterministic data set: organizations -> (subscription, charge item) groups -> series.
// A series is one stream of hourly usage (one app, project, billing tag, resource, channel);
// its value at any hour is a pure function of (seed, hour), so nothing is stored per hour.
// `now` only decides where the data ends: a past hour is the same whatever the clock says, so a
// closed month never changes (as with the real API), and two pulls taken an hour apart agree.
import { BILLING_TAGS, CHARGE_ITEMS, realmProfile, type ChargeItem, type ChargeType, type RealmProfile } from './catalog.js';
import { hash2, hashString, unit2 } from './random.js';
import { hourOf, hourToDate } from './time.js';

export interface Series {
  seed: number;
  appId: string;
  projectHrn: string;
  billingTag: string;
  resource: string;
  channel: 'hot' | 'cold';
  weight: number;
}

/** Usage of one charge item under one subscription of one organization. */
export interface ItemGroup {
  realmId: string;
  billingSubscriptionId: string;
  billingChargeNumber: string;
  featureId: string;
  item: ChargeItem;
  chargeType: ChargeType;
  volume: number;
  /** First hour with data and the hour after the last one. */
  startHour: number;
  endHour: number;
  series: Series[];
}

export interface DatasetOptions {
  seed: number;
  /** Multiplies the number of series per group (apps, projects, resources). */
  scale: number;
  /** Data ends at the hour before this one (it changes nothing before). */
  now: Date;
}

/**
 * The fixed, day-aligned calendar point the data set is built around (UTC): each organization's
 * history starts `historyDays` before it, and the growth trend is measured from two years before
 * it. It is the tests' usual `now`, so the data at that `now` is what it was when history was
 * anchored on `now`.
 */
export const DATA_EPOCH = new Date('2025-06-01T00:00:00Z');
const EPOCH_HOUR = hourOf(DATA_EPOCH);

/** Units of values: integers of ten-thousandths, so sums stay exact and print with 4 decimals. */
export const VALUE_UNITS = 10_000;
const TWO_YEARS_HOURS = 730 * 24;
// Requests follow office hours (UTC) and weekdays; storage and pipelines run flat.
const DIURNAL = Array.from({ length: 24 }, (_, h) => 0.25 + 0.75 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (h - 2)) / 24)));
const WEEKDAY = [0.55, 1, 1.05, 1.05, 1.0, 0.95, 0.6]; // Sunday first
const PROJECT_WORDS = ['fleet-tracker', 'store-locator', 'last-mile', 'geo-analytics', 'asset-map', 'ride-share', 'field-service'];
const RESOURCE_WORDS = ['traffic', 'poi', 'telemetry', 'boundaries', 'road-signs', 'weather', 'parcels'];
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class Dataset {
  readonly nowHour: number;
  private readonly realms = new Map<string, ItemGroup[]>();

  constructor(readonly options: DatasetOptions) {
    this.nowHour = hourOf(options.now);
  }

  /** The organization's groups, built on first use (a few thousand small objects at most). */
  groups(realmId: string): ItemGroup[] | undefined {
    const known = this.realms.get(realmId);
    if (known) return known;
    const profile = realmProfile(realmId);
    if (!profile) return undefined;
    const built = buildRealm(profile, this.options, this.nowHour);
    this.realms.set(realmId, built);
    return built;
  }

  /** Usage of one series in one hour, in ten-thousandths; 0 means no record. */
  hourValue(group: ItemGroup, series: Series, hour: number): number {
    if (hour < group.startHour || hour >= group.endHour) return 0;
    if (unit2(series.seed, hour) >= group.item.activity) return 0;
    const noise = 0.7 + 0.6 * unit2(series.seed ^ 0x5bd1e995, hour);
    const trend = 0.7 + (0.5 * (hour - (EPOCH_HOUR - TWO_YEARS_HOURS))) / TWO_YEARS_HOURS;
    let mean = group.item.hourlyMean * group.volume * series.weight * trend * noise;
    if (group.item.diurnal) mean *= (DIURNAL[hour % 24] ?? 1) * (WEEKDAY[(Math.floor(hour / 24) + 4) % 7] ?? 1);
    return group.item.whole ? Math.round(mean) * VALUE_UNITS : Math.round(mean * VALUE_UNITS);
  }
}

function buildRealm(profile: RealmProfile, options: DatasetOptions, nowHour: number): ItemGroup[] {
  const realmSeed = hashString(profile.id, options.seed);
  const scale = options.scale;
  const apps = pool(3 + 2 * scale, (i) => appId(hash2(realmSeed, 1000 + i)));
  const projects = pool(2 + 2 * scale, (i) =>
    `hrn:here:authorization::${profile.id}:project/${PROJECT_WORDS[i % PROJECT_WORDS.length]}-${String(i).padStart(4, '0')}`);
  const catalogs = pool(2 + scale, (i) => `hrn:here:data::${profile.id}:${RESOURCE_WORDS[i % RESOURCE_WORDS.length]}-catalog-${i}`);
  const pipelines = pool(2 + scale, (i) => `hrn:here:pipeline::${profile.id}:${RESOURCE_WORDS[i % RESOURCE_WORDS.length]}-pipeline-${i}`);
  let tagCursor = 0; // round-robin, so every tag (hostile ones included) shows up in every organization
  const groups: ItemGroup[] = [];
  profile.subscriptions.forEach((subscription, subIndex) => {
    CHARGE_ITEMS.forEach((item, itemIndex) => {
      const groupSeed = hash2(realmSeed, subIndex * 1000 + itemIndex);
      const share = subscription === '' ? (item.category === 'Location Services' ? 0.6 : 0) : profile.itemShare;
      if (groupSeed / 4294967296 >= share) return;
      const resources = item.category === 'Storage' ? catalogs : item.category === 'Pipelines' ? pipelines : undefined;
      const count = (1 + (hash2(groupSeed, 7) % 3)) * scale;
      const series: Series[] = [];
      for (let j = 0; j < count; j++) {
        const seed = hash2(groupSeed, 100 + j);
        series.push({
          seed,
          appId: pick(apps, hash2(seed, 1)),
          projectHrn: hash2(seed, 2) % 5 === 0 ? '' : pick(projects, hash2(seed, 3)),
          billingTag: BILLING_TAGS[tagCursor++ % BILLING_TAGS.length] ?? '',
          resource: resources ? pick(resources, hash2(seed, 4)) : '',
          channel: hash2(seed, 5) % 7 === 0 ? 'hot' : 'cold',
          weight: 0.3 + 1.4 * unit2(seed, 6),
        });
      }
      groups.push({
        realmId: profile.id,
        billingSubscriptionId: subscription,
        billingChargeNumber: subscription === '' ? '' : `CN-${subscription.slice(4, 10)}-${String(itemIndex + 1).padStart(3, '0')}`,
        featureId: `hrn:here:service::${profile.id}:${item.feature}`,
        item,
        chargeType: subscription === '' ? 'nonBillable' : item.chargeType,
        volume: profile.volume,
        startHour: historyStartHour(profile),
        endHour: nowHour,
        series,
      });
    });
  });
  return groups.sort(compareGroups);
}

/** First hour of an organization's data: a fixed calendar day, never relative to `now`. */
export function historyStartHour(profile: RealmProfile): number {
  return EPOCH_HOUR - profile.historyDays * 24;
}

/** The day an organization's usage data begins (fixed, whatever `now` is); undefined for an unknown realm. */
export function dataStart(realmId: string): Date | undefined {
  const profile = realmProfile(realmId);
  return profile && hourToDate(historyStartHour(profile));
}

/** The API's order: subscription id, category, charge item, then feature id for a stable tie-break. */
export function compareGroups(a: ItemGroup, b: ItemGroup): number {
  return cmp(a.billingSubscriptionId, b.billingSubscriptionId) || cmp(a.item.category, b.item.category)
    || cmp(a.item.name, b.item.name) || cmp(a.featureId, b.featureId);
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pool(n: number, make: (i: number) => string): string[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

function pick(values: readonly string[], h: number): string {
  return values[h % values.length] ?? '';
}

function appId(h: number): string {
  let out = '';
  for (let k = 0; k < 20; k++) out += ALNUM[hash2(h, k) % ALNUM.length];
  return out;
}
