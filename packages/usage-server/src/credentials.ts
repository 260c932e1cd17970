// Known development credentials (never real ones) and the organizations each may read.
import { PARTNER_REALM, PLAIN_REALM, realmProfile } from './data/catalog.js';

export interface DevCredential {
  accessKeyId: string;
  accessKeySecret: string;
  /** Organizations a token issued to this key may read. */
  realms: string[];
}

const partnerRealms = [PARTNER_REALM, ...(realmProfile(PARTNER_REALM)?.subAccounts ?? []), PLAIN_REALM];

export const DEV_CREDENTIALS: readonly DevCredential[] = [
  { accessKeyId: 'MBDEVPARTNERKEY0000001', accessKeySecret: 'meterbook-dev-secret-partner-not-for-production', realms: partnerRealms },
  { accessKeyId: 'MBDEVPLAINKEY000000002', accessKeySecret: 'meterbook-dev-secret-plain-not-for-production', realms: [PLAIN_REALM] },
];

/** The realms of the default dev token: the partner, its subaccounts and the plain organization. */
export const DEFAULT_REALMS: readonly string[] = partnerRealms;

export function findCredential(accessKeyId: string): DevCredential | undefined {
  return DEV_CREDENTIALS.find((c) => c.accessKeyId === accessKeyId);
}
