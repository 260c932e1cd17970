// The fixed vocabulary of the data set: charge items, organizations and billing tags.

export type ChargeType = 'billable' | 'nonBillable';

export interface ChargeItem {
  /** Last part of the feature HRN, e.g. `search-geocoding-1`. */
  feature: string;
  category: string;
  name: string;
  valueDriver: string;
  usageTypeCode: string;
  chargeType: ChargeType;
  /** Whole units (transactions) or decimals (GB, hours). */
  whole: boolean;
  /** Mean usage per hour for a series of weight 1. */
  hourlyMean: number;
  /** Probability that a series has usage in a given hour. */
  activity: number;
  /** Follows office hours (requests) rather than running flat (storage, pipelines). */
  diurnal: boolean;
}

const ls = (feature: string, name: string, code: string, hourlyMean: number, activity = 0.97): ChargeItem => ({
  feature, category: 'Location Services', name, valueDriver: 'Transactions', usageTypeCode: code,
  chargeType: 'billable', whole: true, hourlyMean, activity, diurnal: true,
});

export const CHARGE_ITEMS: readonly ChargeItem[] = [
  ls('search-autocomplete-1', 'Autocomplete', 'OLS-T-Autocomplete', 5200),
  ls('search-geocoding-1', 'Geocode & Reverse Geocode', 'OLS-T-Geocode', 3800),
  ls('search-discover-1', 'Discover', 'OLS-T-Discover', 1200),
  ls('search-browse-1', 'Browse', 'OLS-T-Browse', 640),
  ls('search-lookup-1', 'Lookup', 'OLS-T-Lookup', 310, 0.9),
  ls('routing-8', 'Routing', 'OLS-T-Routing', 4100),
  ls('routing-matrix-8', 'Matrix Routing', 'OLS-T-Matrix-Routing', 150, 0.85),
  ls('routing-isoline-8', 'Isoline Routing', 'OLS-T-Isoline-Routing', 220, 0.9),
  ls('routing-waypoints-8', 'Waypoints Sequence', 'OLS-T-Waypoints-Sequence', 40, 0.8),
  ls('maps-raster-3', 'Map Tile', 'OLS-T-Raster-Tile', 9100),
  ls('maps-vector-2', 'Vector Tile', 'OLS-T-Vector-Tile', 14200),
  ls('traffic-7', 'Traffic Flow', 'OLS-T-Traffic-Flow', 820),
  ls('destination-weather-3', 'Weather', 'OLS-T-Weather', 90, 0.85),
  { ...ls('positioning-2', 'Positioning', 'OLS-T-Positioning', 2500), chargeType: 'nonBillable' },
  {
    feature: 'routing-8:import', category: 'Location Services', name: 'Route Import', valueDriver: 'GB',
    usageTypeCode: 'OLS-G-Route-Import', chargeType: 'billable', whole: false, hourlyMean: 0.42, activity: 0.7, diurnal: true,
  },
  flat('pipeline-stream-1', 'Pipelines', 'Stream Pipeline', 'Hours', 'PIPE-H-Stream', 0.8, 1),
  flat('pipeline-batch-1', 'Pipelines', 'Batch Pipeline', 'Hours', 'PIPE-H-Batch', 0.35, 0.6),
  flat('pipeline-io-1', 'Pipelines', 'Pipeline I/O', 'GB', 'PIPE-G-IO', 1.7, 0.95),
  flat('storage-objectstore-1', 'Storage', 'Object Store', 'GB', 'STOR-G-Object-Store', 12.5, 1),
  flat('storage-volatile-1', 'Storage', 'Volatile Storage', 'GB', 'STOR-G-Volatile', 2.1, 1),
  flat('storage-index-1', 'Storage', 'Index Storage', 'GB', 'STOR-G-Index', 0.9, 1),
  flat('storage-stream-1', 'Storage', 'Stream Storage', 'GB', 'STOR-G-Stream', 0.6, 1),
  flat('data-transfer-1', 'Data Transfer', 'Data I/O', 'GB', 'DT-G-Data-IO', 3.3, 0.98),
  flat('data-egress-1', 'Data Transfer', 'Data Egress', 'GB', 'DT-G-Egress', 0.6, 0.9),
  flat('notebooks-1', 'Platform', 'Notebook Compute', 'Hours', 'PLAT-H-Notebooks', 0.25, 0.35),
  { ...flat('support-1', 'Platform', 'Support Requests', 'Transactions', 'PLAT-T-Support', 1, 0.04), whole: true, chargeType: 'nonBillable' },
];

function flat(
  feature: string, category: string, name: string, valueDriver: string, code: string, hourlyMean: number, activity: number,
): ChargeItem {
  return { feature, category, name, valueDriver, usageTypeCode: code, chargeType: 'billable', whole: false, hourlyMean, activity, diurnal: false };
}

export interface RealmProfile {
  id: string;
  /** Subaccounts of a partner organization; empty for a plain organization. */
  subAccounts: readonly string[];
  /** Billing subscriptions; `''` is the free tier (usage without a subscription, never billable). */
  subscriptions: readonly string[];
  /** Share of (subscription, charge item) pairs that carry usage. */
  itemShare: number;
  /** Volume multiplier of the organization. */
  volume: number;
  /** Days of history before the data epoch (`DATA_EPOCH`, at most two years): when the organization starts. */
  historyDays: number;
}

export const PARTNER_REALM = 'org123456789';
export const PLAIN_REALM = 'org987654321';

export const REALMS: readonly RealmProfile[] = [
  {
    id: PARTNER_REALM, subAccounts: ['org112135', 'org124566', 'org134564'],
    subscriptions: ['', 'SUB-100245-01', 'SUB-100245-02', 'SUB-100245-03', 'SUB-100245-04'], itemShare: 0.97, volume: 1, historyDays: 730,
  },
  { id: 'org112135', subAccounts: [], subscriptions: ['SUB-200871-01', 'SUB-200871-02'], itemShare: 0.9, volume: 0.45, historyDays: 730 },
  { id: 'org124566', subAccounts: [], subscriptions: ['', 'SUB-201337-01'], itemShare: 0.85, volume: 0.3, historyDays: 420 },
  { id: 'org134564', subAccounts: [], subscriptions: ['SUB-202468-01', 'SUB-202468-02'], itemShare: 0.8, volume: 0.2, historyDays: 240 },
  { id: PLAIN_REALM, subAccounts: [], subscriptions: ['', 'SUB-300112-01'], itemShare: 0.75, volume: 0.6, historyDays: 730 },
];

export function realmProfile(id: string): RealmProfile | undefined {
  return REALMS.find((r) => r.id === id);
}

/**
 * Billing tags, some hostile on purpose: users type formulas, quotes, separators, line breaks and
 * non-Latin text into tags, and a client that writes them into a spreadsheet must keep them text.
 */
export const BILLING_TAGS: readonly string[] = [
  'testtag',
  'team-mobility',
  'cost-center-4711',
  'fleet/emea',
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1,1)',
  'say "cheese"',
  'comma, separated',
  'line one\nline two',
  'tab\tseparated',
  '請求タグ',
  'счёт',
  ' padded ',
  '',
  'project-phoenix',
  'marketing',
];
