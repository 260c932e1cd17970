// The asynchronous usage reports: an in-memory store whose entries complete after a delay or a
// number of status polls, or fail on a documented trigger; a few historic ones per organization.
import { REALMS } from './data/catalog.js';
import type { UsageQuery } from './data/query.js';
import { formatApiDate, hourToDate } from './data/time.js';

export type ReportStatus = 'inProgress' | 'completed' | 'failed';

/** The billing tag that makes a report fail (documented in the README). */
export const FAIL_TRIGGER_TAG = 'fail-report';

export interface ReportParameters {
  realm: string;
  startDate: string;
  endDate: string;
  emailId: string;
  subAccounts?: string[];
  detailLevel?: string;
  featureId?: string;
  appId?: string;
  projectHrn?: string;
  billingTag?: string;
  category?: string;
  groupBy?: string;
}

export interface ReportEntry {
  id: string;
  realmId: string;
  createdMs: number;
  parameters: ReportParameters;
  query: UsageQuery;
  usageFields?: string[];
  /** Set once the outcome is known (immediately for historic reports). */
  outcome?: 'completed' | 'failed';
  failureReason?: string;
  willFail: boolean;
  polls: number;
}

export interface ReportTiming {
  /** Completes this long after creation... */
  delayMs: number;
  /** ...or, when set, on this status poll (1 = the first poll already sees it completed). */
  polls?: number;
}

export class ReportStore {
  private readonly entries: ReportEntry[] = [];
  private nextId = 1000;

  constructor(private readonly timing: ReportTiming, nowHour: number) {
    this.seedHistory(nowHour);
  }

  create(realmId: string, parameters: ReportParameters, query: UsageQuery, usageFields?: string[]): ReportEntry {
    const entry: ReportEntry = {
      id: `REPORT-${this.nextId++}`, realmId, createdMs: Date.now(), parameters, query, usageFields,
      willFail: parameters.billingTag === FAIL_TRIGGER_TAG, polls: 0,
    };
    this.entries.push(entry);
    return entry;
  }

  /** One report; `poll` counts a status request towards completion. */
  get(realmId: string, id: string, poll = false): ReportEntry | undefined {
    const entry = this.entries.find((e) => e.id === id && e.realmId === realmId);
    if (entry && poll) entry.polls++;
    return entry;
  }

  list(realmId: string, sort: 'asc' | 'desc'): ReportEntry[] {
    const mine = this.entries.filter((e) => e.realmId === realmId);
    // Ties (same millisecond) fall back to the id number so the order is total.
    const num = (e: ReportEntry) => Number(e.id.slice(7));
    mine.sort((a, b) => a.createdMs - b.createdMs || num(a) - num(b));
    return sort === 'desc' ? mine.reverse() : mine;
  }

  status(entry: ReportEntry): ReportStatus {
    if (!entry.outcome) {
      const done = this.timing.polls !== undefined
        ? entry.polls >= this.timing.polls
        : Date.now() - entry.createdMs >= this.timing.delayMs;
      if (!done) return 'inProgress';
      entry.outcome = entry.willFail ? 'failed' : 'completed';
      if (entry.willFail) {
        entry.failureReason = `Report generation failed: billingTag=${FAIL_TRIGGER_TAG} is this server's documented failure trigger.`;
      }
    }
    return entry.outcome;
  }

  private seedHistory(nowHour: number): void {
    const dayMs = 86_400_000;
    const nowMs = hourToDate(nowHour).getTime();
    for (const realm of REALMS) {
      const count = realm.subAccounts.length > 0 ? 5 : 2;
      for (let i = 0; i < count; i++) {
        const createdMs = nowMs - (count - i) * 9 * dayMs - 3_600_000 * (i + 2);
        const end = new Date(createdMs - (createdMs % dayMs));
        const start = new Date(end.getTime() - 30 * dayMs);
        const subAccounts = realm.subAccounts.length > 0 && i % 2 === 0 ? [...realm.subAccounts] : undefined;
        const failed = i === 1;
        const parameters: ReportParameters = {
          realm: realm.id, startDate: formatApiDate(start), endDate: formatApiDate(end), emailId: 'billing@example.org',
          detailLevel: i % 3 === 0 ? 'day' : 'summarized',
          ...(subAccounts ? { subAccounts } : {}),
        };
        this.entries.push({
          id: `REPORT-${this.nextId++}`, realmId: realm.id, createdMs, parameters, willFail: failed, polls: 0,
          query: {
            realms: subAccounts ?? [realm.id], startHour: Math.floor(start.getTime() / 3_600_000), endHour: Math.floor(end.getTime() / 3_600_000),
            filters: {}, groupBy: [], detailLevel: i % 3 === 0 ? 'day' : 'summarized',
          },
          outcome: failed ? 'failed' : 'completed',
          failureReason: failed ? 'Report generation failed: the usage store timed out (historic sample).' : undefined,
        });
      }
    }
  }
}
