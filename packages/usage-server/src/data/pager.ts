// Paging over on-the-fly records: counts per group are computed once per query and cached
// (a few numbers), and a page only recomputes the groups it overlaps.
import { makeBuckets, type Buckets } from './buckets.js';
import type { Dataset, ItemGroup } from './generator.js';
import { groupRecords, matchingGroups, queryKey, type UsageQuery, type UsageRecord } from './query.js';

interface Summary {
  groups: ItemGroup[];
  /** Records in each group; starts[i] is the index of group i's first record. */
  counts: number[];
  starts: number[];
  total: number;
  buckets: Buckets;
}

/** A tiny LRU on Map's insertion order. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

export class UsagePager {
  private readonly summaries = new Lru<Summary>(32);
  private readonly groupCache = new Lru<UsageRecord[]>(64);

  constructor(private readonly dataset: Dataset) {}

  total(q: UsageQuery): number {
    return this.summary(q).total;
  }

  /** Records `[page * limit, (page + 1) * limit)`. */
  page(q: UsageQuery, page: number, limit: number): { total: number; items: UsageRecord[] } {
    const s = this.summary(q);
    const from = page * limit;
    const to = Math.min(s.total, from + limit);
    const items: UsageRecord[] = [];
    for (let i = 0; i < s.groups.length && from < to; i++) {
      const start = s.starts[i] ?? 0;
      const end = start + (s.counts[i] ?? 0);
      if (end <= from || start >= to) continue;
      const records = this.records(q, s, i);
      items.push(...records.slice(Math.max(0, from - start), Math.min(records.length, to - start)));
    }
    return { total: s.total, items };
  }

  private summary(q: UsageQuery): Summary {
    const key = queryKey(q);
    const known = this.summaries.get(key);
    if (known) return known;
    const groups = matchingGroups(this.dataset, q);
    const buckets = makeBuckets(q.startHour, q.endHour, q.detailLevel);
    const counts: number[] = [];
    const starts: number[] = [];
    let total = 0;
    const s: Summary = { groups, counts, starts, total, buckets };
    groups.forEach((_, i) => {
      const n = this.records(q, s, i).length;
      starts.push(total);
      counts.push(n);
      total += n;
    });
    s.total = total;
    this.summaries.set(key, s);
    return s;
  }

  private records(q: UsageQuery, s: Summary, index: number): UsageRecord[] {
    const key = `${queryKey(q)}#${index}`;
    const known = this.groupCache.get(key);
    if (known) return known;
    const group = s.groups[index];
    const records = group ? groupRecords(this.dataset, q, group, s.buckets) : [];
    this.groupCache.set(key, records);
    return records;
  }
}
