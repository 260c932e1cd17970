// The deterministic tenant tree of the Acronis part: a partner (the dev client's tenant) with
// customers, a reseller partner with its own customers, and the failure-trigger customer. Ids are
// UUIDs derived from the seed, so they are stable for a seed and differ between seeds.
import { createHash } from 'node:crypto';

export type TenantKind = 'root' | 'partner' | 'customer';

export interface Tenant {
  id: string;
  version: number;
  name: string;
  kind: TenantKind;
  parent_id: string;
  enabled: boolean;
}

/** A UUID (version 5 layout) derived from the seed and a name. */
export function seededUuid(seed: number, name: string): string {
  const h = createHash('sha1').update(`meterbook-acronis/${seed}/${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Customer names, cycled (and numbered past the first round) as the scale grows. Two are hostile on purpose. */
export const CUSTOMER_NAMES = ['Contoso Dental', 'Fabrikam Logistics', 'Smith, Jones & Partners', '=SUM(1,1) Holdings', 'Tailspin Toys 東京'];
export const PARTNER_NAME = 'Meterbook Demo Partner';
export const RESELLER_NAME = 'Northwind Reseller';
export const RESELLER_CUSTOMERS = ['Alpine Ski House', 'Blue Yonder Airlines'];
/** Reports on this customer end with every stored output `failed` (the documented trigger). */
export const FAILING_CUSTOMER_NAME = 'Failing Reports Test Customer';

export class TenantTree {
  readonly root: Tenant;
  readonly partner: Tenant;
  readonly reseller: Tenant;
  readonly failing: Tenant;
  /** Every tenant below the root, the partner first, in a stable order. */
  readonly all: Tenant[] = [];
  private readonly byId = new Map<string, Tenant>();
  private readonly children = new Map<string, Tenant[]>();

  constructor(readonly seed: number, scale: number) {
    const make = (key: string, name: string, kind: TenantKind, parent: string, version = 1): Tenant =>
      ({ id: seededUuid(seed, key), version, name, kind, parent_id: parent, enabled: true });
    this.root = make('root', 'Meterbook Cloud', 'root', seededUuid(seed, 'datacenter'));
    this.partner = make('partner', PARTNER_NAME, 'partner', this.root.id, 3);
    this.add(this.partner);
    const customers = CUSTOMER_NAMES.length * scale;
    for (let i = 0; i < customers; i++) {
      const round = Math.floor(i / CUSTOMER_NAMES.length);
      const name = `${CUSTOMER_NAMES[i % CUSTOMER_NAMES.length]!}${round ? ` ${String(round + 1).padStart(3, '0')}` : ''}`;
      this.add(make(`customer/${i}`, name, 'customer', this.partner.id, 1 + (i % 3)));
    }
    this.reseller = make('reseller', RESELLER_NAME, 'partner', this.partner.id, 2);
    this.add(this.reseller);
    RESELLER_CUSTOMERS.forEach((name, i) => this.add(make(`reseller/customer/${i}`, name, 'customer', this.reseller.id)));
    this.failing = make('failing', FAILING_CUSTOMER_NAME, 'customer', this.partner.id);
    this.add(this.failing);
  }

  private add(tenant: Tenant): void {
    this.all.push(tenant);
    this.byId.set(tenant.id, tenant);
    const list = this.children.get(tenant.parent_id) ?? [];
    list.push(tenant);
    this.children.set(tenant.parent_id, list);
  }

  get(id: string): Tenant | undefined {
    return this.byId.get(id);
  }

  childrenOf(id: string): Tenant[] {
    return this.children.get(id) ?? [];
  }

  /** The tenant and everything below it, depth first. */
  subtree(id: string): Tenant[] {
    const top = this.byId.get(id);
    if (!top) return [];
    const out: Tenant[] = [];
    const walk = (t: Tenant) => {
      out.push(t);
      for (const c of this.childrenOf(t.id)) walk(c);
    };
    walk(top);
    return out;
  }

  /** True when `id` is `scope` or below it. */
  isWithin(scope: string, id: string): boolean {
    let current = this.byId.get(id);
    while (current) {
      if (current.id === scope) return true;
      current = this.byId.get(current.parent_id);
    }
    return false;
  }

  /** The tenants a report of this level on this tenant covers. */
  forLevel(tenantId: string, level: string): Tenant[] {
    const top = this.byId.get(tenantId);
    if (!top) return [];
    const below = this.subtree(tenantId).slice(1);
    switch (level) {
      case 'itself': return [top];
      case 'direct_partners': return this.childrenOf(tenantId).filter((t) => t.kind === 'partner');
      case 'all_partners': return below.filter((t) => t.kind === 'partner');
      case 'all_customers': return top.kind === 'customer' ? [top] : below.filter((t) => t.kind === 'customer');
      default: return [top, ...below]; // accounts: every account of the subtree
    }
  }
}
