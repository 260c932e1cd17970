// Which FOCUS ServiceCategory a HERE category or an Acronis offering item falls in. FOCUS's list
// is fixed (spec.ts); a category we do not know goes to "Other", as FOCUS says for anything that
// fits no category.
import type { FocusServiceCategory } from './spec.js';

// HERE's usage categories. Location Services (maps, search, routing, traffic APIs that apps call
// over the Internet) fit "Web"; pipelines process data ("Analytics"); data transfer is "Networking".
const HERE_CATEGORIES: Readonly<Record<string, FocusServiceCategory>> = {
  'location services': 'Web',
  pipelines: 'Analytics',
  storage: 'Storage',
  'data transfer': 'Networking',
  platform: 'Other',
};

/** The ServiceCategory of a HERE record: by its category, with compute items (notebooks) as "Compute". */
export function hereServiceCategory(category: string | undefined, name: string | undefined): FocusServiceCategory {
  if (name !== undefined && /\bcompute\b/i.test(name)) return 'Compute';
  return HERE_CATEGORIES[(category ?? '').trim().toLowerCase()] ?? 'Other';
}

/**
 * The ServiceCategory of an Acronis offering item. Acronis sells data protection: backup of
 * workloads and storage are "Storage"; security editions and notary "Security"; disaster-recovery
 * compute "Compute" and its public IPs "Networking".
 */
export function acronisServiceCategory(name: string | undefined, edition: string | undefined): FocusServiceCategory {
  const item = (name ?? '').trim().toLowerCase();
  const kind = (edition ?? '').trim().toLowerCase();
  if (item === 'compute_points') return 'Compute';
  if (item === 'public_ips') return 'Networking';
  if (item.startsWith('adv_security') || kind === 'advanced_security' || kind === 'notary' || item.startsWith('notary')) return 'Security';
  return 'Storage';
}
