// What the server really holds for a query, read from a fault-free server with a plain fetch
// loop (no SDK), so the SDK is checked against an independent reading.
import { canonical } from './canonical.js';

export interface PullQuery {
  realmId: string;
  startDate: string;
  endDate: string;
  detailLevel: 'hour' | 'day' | 'month' | 'summarized';
  pageSize: number;
}

export async function referencePull(apiUrl: string, token: string, q: PullQuery): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset++) {
    const params = new URLSearchParams({ startDate: q.startDate, endDate: q.endDate, detailLevel: q.detailLevel, limit: String(q.pageSize), offset: String(offset) });
    const res = await fetch(`${apiUrl}/usage/realms/${encodeURIComponent(q.realmId)}?${params}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`reference pull failed: HTTP ${res.status}`);
    const page = (await res.json()) as { items: object[]; lastOffset?: number };
    out.push(...page.items.map(canonical));
    if (page.items.length === 0 || offset >= (page.lastOffset ?? 0)) return out;
  }
}
