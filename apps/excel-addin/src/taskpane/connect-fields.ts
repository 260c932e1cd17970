// The connect form's fields: which ones show for the chosen source, route and gateway mode, and
// reading them into a Connection. Secret fields are emptied by clearSecrets once read.

import { parseCredentialsProperties } from '@meterbook/sdk/credentials';
import type { AcronisAuth, Auth, Connection, Keep } from '../flows/connection.js';
import { gatewayUrls, type GatewayInfo, type Route } from '../flows/route.js';
import { byId, checkedValue, input } from './dom.js';

const SECRET_FIELDS = ['token', 'key-secret', 'key-id', 'acronis-client-secret', 'acronis-token', 'gateway-key'];

export const chosenSource = (): 'here' | 'acronis' => (checkedValue('source') === 'acronis' ? 'acronis' : 'here');
export const chosenRoute = (): Route => (checkedValue('route') === 'gateway' ? 'gateway' : 'direct');

/** The gateway holds the API credentials: the pane presents its access key instead. */
export const usesGatewayKey = (gateway: GatewayInfo | undefined): boolean => chosenRoute() === 'gateway' && gateway?.auth === 'credentials';

export function showFields(gateway: GatewayInfo | undefined): void {
  const source = chosenSource();
  const direct = chosenRoute() === 'direct';
  const keyMode = usesGatewayKey(gateway);
  for (const div of document.querySelectorAll<HTMLElement>('#connect-form [data-source]')) div.hidden = div.dataset.source !== source;
  for (const div of document.querySelectorAll<HTMLElement>('#connect-form [data-direct]')) div.hidden = !direct;
  for (const div of document.querySelectorAll<HTMLElement>('#connect-form [data-api-auth]')) div.hidden = keyMode;
  byId('gateway-key-box').hidden = !keyMode;
  const auth = checkedValue('auth');
  for (const div of document.querySelectorAll<HTMLElement>('[data-auth]')) div.hidden = div.dataset.auth !== auth;
  const acronisAuth = checkedValue('acronis-auth');
  for (const div of document.querySelectorAll<HTMLElement>('[data-acronis-auth]')) div.hidden = div.dataset.acronisAuth !== acronisAuth;
}

function gatewayKey(): { kind: 'gatewayKey'; key: string } {
  const key = input('gateway-key').value.trim();
  if (!key) throw new Error('Enter the gateway access key.');
  return { kind: 'gatewayKey', key };
}

function hereAuth(): Auth {
  const mode = checkedValue('auth');
  if (mode === 'token') {
    const token = input('token').value.trim();
    if (!token) throw new Error('Paste an access token.');
    return { kind: 'token', token };
  }
  if (mode === 'keys') {
    const accessKeyId = input('key-id').value.trim();
    const accessKeySecret = input('key-secret').value.trim();
    const tokenEndpointUrl = input('token-url').value.trim();
    if (!accessKeyId || !accessKeySecret || !tokenEndpointUrl) throw new Error('Enter the access key ID, secret and token endpoint URL.');
    return { kind: 'keys', accessKeyId, accessKeySecret, tokenEndpointUrl };
  }
  const props = parseCredentialsProperties(byId<HTMLTextAreaElement>('properties').value);
  return { kind: 'keys', ...props };
}

function acronisAuth(): AcronisAuth {
  if (checkedValue('acronis-auth') === 'token') {
    const token = input('acronis-token').value.trim();
    if (!token) throw new Error('Paste an Acronis access token.');
    return { kind: 'token', token };
  }
  const clientId = input('acronis-client-id').value.trim();
  const clientSecret = input('acronis-client-secret').value.trim();
  if (!clientId || !clientSecret) throw new Error('Enter the Acronis API client ID and secret.');
  return { kind: 'client', clientId, clientSecret };
}

const httpUrl = (value: string, example: string): string => {
  const url = value.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(url)) throw new Error(`Enter the URL, e.g. ${example}`);
  return url;
};

/** The form as a Connection; throws with a message naming what is missing. */
export function readConnection(gateway: GatewayInfo | undefined, pageOrigin: string): Connection {
  const route = chosenRoute();
  const keep = checkedValue('keep') as Keep;
  const keyMode = usesGatewayKey(gateway);
  if (route === 'gateway' && !gateway) throw new Error('This pane was not opened from a Meterbook gateway: choose Direct, or open the pane from the gateway\'s address.');
  const urls = gatewayUrls(pageOrigin);
  if (chosenSource() === 'acronis') {
    if (keyMode && !gateway?.offers.includes('acronis')) throw new Error('This gateway holds credentials for the HERE Usage API only; it does not offer Acronis. Connect directly, or ask its administrator.');
    const baseUrl = route === 'gateway' ? urls.acronis : httpUrl(input('acronis-url').value, 'https://eu2-cloud.acronis.com');
    return { source: 'acronis', route, baseUrl, auth: keyMode ? gatewayKey() : acronisAuth(), keep };
  }
  const baseUrl = route === 'gateway' ? urls.usage : httpUrl(input('base-url').value, 'https://usage.bam.api.here.com/v2');
  const realmId = input('realm').value.trim();
  if (realmId.length < 5 || realmId.length > 30) throw new Error('Enter the realm (org) ID, 5 to 30 characters, e.g. org123456789.');
  return { source: 'here', route, baseUrl, realmId, auth: keyMode ? gatewayKey() : hereAuth(), keep };
}

export function clearSecrets(): void {
  for (const id of SECRET_FIELDS) input(id).value = '';
  byId<HTMLTextAreaElement>('properties').value = '';
}
