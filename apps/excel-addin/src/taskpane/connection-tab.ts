// The Connection tab: source (HERE Usage API or Acronis), route (through the gateway that served
// the pane, or direct), credentials, where they are kept, and Sign out. Secret fields are emptied
// as soon as they are read; only a mask is ever shown.

import { ConnectionKeeper, defaultBaseUrl, describeAuth, isAcronis, type Connection } from '../flows/connection.js';
import { detectGateway, type GatewayInfo } from '../flows/route.js';
import type { Activity } from './activity.js';
import { chosenSource, clearSecrets, readConnection, showFields } from './connect-fields.js';
import { byId, input } from './dom.js';
import { presentError } from './error-view.js';

const radio = (name: string, value: string): HTMLInputElement | null => document.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);

/** The connection in one line for the top of the pane: source, realm or tenant, route. */
export function connectionSummary(c: Connection, tenantName?: string): string {
  const route = c.route === 'gateway' ? 'through the gateway' : 'direct';
  if (isAcronis(c)) return `Acronis · ${tenantName ?? new URL(c.baseUrl).host} · ${route}`;
  return `HERE · ${c.realmId} · ${route}`;
}

export class ConnectionTab {
  /** The gateway that served the pane, when it did. */
  gateway: GatewayInfo | undefined;
  private readonly origin = window.location.origin;

  constructor(private readonly keeper: ConnectionKeeper, private readonly activity: Activity, private readonly onChange: (c: Connection | undefined) => Promise<void>) {
    input('base-url').value = defaultBaseUrl(window.location);
    if (/^(localhost|127\.0\.0\.1|\[::1\])$/.test(window.location.hostname)) input('acronis-url').value = `${this.origin}/acronis`;
    for (const name of ['auth', 'acronis-auth', 'source', 'route']) {
      for (const r of document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)) r.addEventListener('change', () => showFields(this.gateway));
    }
    if (!keeper.storageAvailable) radio('keep', 'officeStorage')?.setAttribute('disabled', '');
    byId('connect-form').addEventListener('submit', (ev) => { ev.preventDefault(); void this.connect(); });
    byId('sign-out').addEventListener('click', () => void this.signOut());
  }

  /** Detects the gateway and restores a kept connection; true when connected. */
  async start(): Promise<boolean> {
    this.gateway = await detectGateway(this.origin);
    const gatewayRadio = radio('route', 'gateway');
    const hint = byId('route-hint');
    if (this.gateway) {
      if (gatewayRadio) gatewayRadio.checked = true;
      hint.textContent = this.gateway.auth === 'credentials'
        ? 'This pane is served by a Meterbook gateway that holds the API credentials: you need its access key.'
        : 'This pane is served by a Meterbook gateway: API calls go through it (no CORS problems); your credentials are passed on, not stored.';
    } else {
      gatewayRadio?.setAttribute('disabled', '');
      hint.textContent = 'Not opened from a Meterbook gateway: calls go straight to the API, which must allow calls from a browser page (CORS).';
    }
    showFields(this.gateway);
    const kept = await this.keeper.restore();
    await this.render(kept);
    return kept !== undefined;
  }

  /** Connects with a connection made elsewhere (the demo's one-click start). */
  async use(c: Connection): Promise<void> {
    await this.keeper.save(c);
    await this.render(c);
  }

  private async connect(): Promise<void> {
    try {
      const c = readConnection(this.gateway, this.origin);
      await this.keeper.save(c);
      clearSecrets();
      this.activity.say('Connected.', 'ok');
      await this.render(c);
    } catch (e) {
      this.activity.say(presentError(e), 'error');
    }
  }

  private async signOut(): Promise<void> {
    await this.keeper.forget();
    await this.render(undefined);
    this.activity.say('Signed out: the credentials were forgotten.', 'ok');
    radio('source', chosenSource())?.focus();
  }

  private async render(c: Connection | undefined): Promise<void> {
    const status = byId('connected-as');
    byId('connect-form').hidden = c !== undefined;
    byId('sign-out').hidden = c === undefined;
    status.hidden = c === undefined;
    if (c) {
      const kept = c.keep === 'officeStorage' ? 'kept in Office storage on this computer (not encrypted)' : 'kept for this session only';
      const how = c.route === 'gateway' ? 'through the Meterbook gateway' : 'directly';
      const what = isAcronis(c) ? `Acronis ${how} (${c.baseUrl})` : `the HERE Usage API ${how} (${c.baseUrl}) · realm ${c.realmId}`;
      status.textContent = `Connected to ${what} · ${describeAuth(c)} · ${kept}.`;
      if (!isAcronis(c)) input('realm').value = c.realmId;
    }
    await this.onChange(c);
  }
}
