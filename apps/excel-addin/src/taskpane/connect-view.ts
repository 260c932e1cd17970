// The Connection section: base URL, realm, token or app credentials, where they are kept, and
// Sign out. Secret fields are emptied as soon as they are read; only a mask is ever shown.

import { parseCredentialsProperties } from '@meterbook/sdk';
import { ConnectionKeeper, defaultBaseUrl, maskSecret, type Auth, type Connection, type Keep } from '../flows/connection.js';
import { describeError } from '../flows/errors.js';
import type { Activity } from './activity.js';
import { byId, checkedValue, input } from './dom.js';

export class ConnectView {
  constructor(private readonly keeper: ConnectionKeeper, private readonly activity: Activity, private readonly onChange: (c: Connection | undefined) => void) {
    input('base-url').value = defaultBaseUrl(window.location);
    for (const r of document.querySelectorAll<HTMLInputElement>('input[name="auth"]')) r.addEventListener('change', () => this.showAuth());
    if (!keeper.storageAvailable) document.querySelector<HTMLInputElement>('input[name="keep"][value="officeStorage"]')?.setAttribute('disabled', '');
    byId('connect-form').addEventListener('submit', (ev) => { ev.preventDefault(); void this.connect(); });
    byId('sign-out').addEventListener('click', () => void this.signOut());
  }

  async start(): Promise<void> {
    this.render(await this.keeper.restore());
  }

  private showAuth(): void {
    const mode = checkedValue('auth');
    for (const div of document.querySelectorAll<HTMLElement>('[data-auth]')) div.hidden = div.dataset.auth !== mode;
  }

  private readAuth(): Auth {
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
      if (!accessKeyId || !accessKeySecret || !tokenEndpointUrl) throw new Error('Enter the access key id, secret and token endpoint URL.');
      return { kind: 'keys', accessKeyId, accessKeySecret, tokenEndpointUrl };
    }
    const props = parseCredentialsProperties(byId<HTMLTextAreaElement>('properties').value);
    return { kind: 'keys', ...props };
  }

  private async connect(): Promise<void> {
    try {
      const baseUrl = input('base-url').value.trim().replace(/\/+$/, '');
      const realmId = input('realm').value.trim();
      if (!/^https?:\/\//.test(baseUrl)) throw new Error('Enter the API base URL, e.g. https://usage.bam.api.here.com/v2');
      if (realmId.length < 5 || realmId.length > 30) throw new Error('Enter the realm (org) id, 5 to 30 characters, e.g. org123456789.');
      const c: Connection = { baseUrl, realmId, auth: this.readAuth(), keep: checkedValue('keep') as Keep };
      await this.keeper.save(c);
      for (const id of ['token', 'key-secret', 'key-id']) input(id).value = '';
      byId<HTMLTextAreaElement>('properties').value = '';
      this.render(c);
      this.activity.say('Connected.', 'ok');
      byId('preset').focus(); // the form that had focus is now hidden: go on to the next step
    } catch (e) {
      this.activity.say(describeError(e), 'error');
    }
  }

  private async signOut(): Promise<void> {
    await this.keeper.forget();
    this.render(undefined);
    this.activity.say('Signed out: the credentials were forgotten.', 'ok');
    input('realm').focus();
  }

  private render(c: Connection | undefined): void {
    const status = byId('connected-as');
    byId('connect-form').hidden = c !== undefined;
    byId('sign-out').hidden = c === undefined;
    status.hidden = c === undefined;
    if (c) {
      const who = c.auth.kind === 'token' ? `token ${maskSecret(c.auth.token)}` : `app key ${c.auth.accessKeyId} (secret ${maskSecret(c.auth.accessKeySecret)})`;
      const kept = c.keep === 'officeStorage' ? 'kept in Office storage on this computer (not encrypted)' : 'kept for this session only';
      status.textContent = `Connected to ${c.baseUrl} · realm ${c.realmId} · ${who} · ${kept}.`;
      input('realm').value = c.realmId;
    }
    this.onChange(c);
  }
}
