// The Connection tab: source (HERE Usage API or Acronis), route (through the gateway that served
// the pane, or direct), credentials, where they are kept, and Sign out. Connect verifies with the
// cheapest real call (flows/verify.ts) before it says "Connected"; HERE and Acronis can both be
// connected, one connection each. Secret fields are emptied once the connection is kept; only a
// mask is ever shown.

import { ConnectionKeeper, defaultBaseUrl, describeAuth, isAcronis, sourceOf, type Connection } from '../flows/connection.js';
import { detectGateway, type GatewayInfo } from '../flows/route.js';
import type { Activity } from './activity.js';
import { chosenSource, clearSecrets, readConnection, showFields } from './connect-fields.js';
import { byId, input } from './dom.js';
import { presentError } from './error-view.js';
import { verifyConnection } from '../flows/verify.js';

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

  /** The form is shown again to add the other source while one is connected. */
  private adding = false;

  constructor(readonly keeper: ConnectionKeeper, private readonly activity: Activity, private readonly onChange: (all: Connection[]) => Promise<void>) {
    input('base-url').value = defaultBaseUrl(window.location);
    if (/^(localhost|127\.0\.0\.1|\[::1\])$/.test(window.location.hostname)) input('acronis-url').value = `${this.origin}/acronis`;
    for (const name of ['auth', 'acronis-auth', 'source', 'route']) {
      for (const r of document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)) r.addEventListener('change', () => showFields(this.gateway));
    }
    if (!keeper.storageAvailable) radio('keep', 'officeStorage')?.setAttribute('disabled', '');
    byId('connect-form').addEventListener('submit', (ev) => { ev.preventDefault(); void this.connect(); });
    byId('sign-out').addEventListener('click', () => void this.signOut());
    byId('connect-another').addEventListener('click', () => this.addOther());
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
    await this.keeper.restore();
    await this.render();
    return this.keeper.all().length > 0;
  }

  /** Connects with a connection made elsewhere (already verified). */
  async use(c: Connection): Promise<void> {
    await this.keeper.save(c);
    await this.render();
  }

  /** Shows what the keeper holds now (after the demo's one-click start saved its connections). */
  refresh(): Promise<void> { return this.render(); }

  private async connect(): Promise<void> {
    let c: Connection;
    try {
      c = readConnection(this.gateway, this.origin);
    } catch (e) {
      this.activity.say(presentError(e), 'error');
      return;
    }
    const checked = await this.activity.run('Checking the connection', (signal) => verifyConnection(c, { pageOrigin: this.origin, signal }));
    if (!checked) return;
    const box = byId('connect-problem');
    if (!checked.ok) {
      // Said twice on purpose: in the message everyone hears, and in the form beside the fields to fix.
      box.textContent = checked.summary;
      box.dataset.problem = checked.problem;
      box.hidden = false;
      this.activity.say(checked.details ? { summary: checked.summary, details: checked.details } : checked.summary, 'error');
      return;
    }
    box.hidden = true;
    box.textContent = '';
    delete box.dataset.problem;
    await this.keeper.save(c);
    clearSecrets();
    this.adding = false;
    this.activity.say(checked.summary, 'ok');
    await this.render();
  }

  private async signOut(): Promise<void> {
    await this.keeper.forget();
    this.adding = false;
    await this.render();
    this.activity.say('Signed out: the credentials were forgotten.', 'ok');
    radio('source', chosenSource())?.focus();
  }

  /** Opens the form on the source not yet connected. */
  private addOther(): void {
    const held = new Set(this.keeper.all().map(sourceOf));
    const other = held.has('here') ? 'acronis' : 'here';
    const r = radio('source', other);
    if (r) r.checked = true;
    showFields(this.gateway);
    this.adding = true;
    byId('connect-form').hidden = false;
    byId('connect-another').hidden = true;
    r?.focus();
  }

  private async render(): Promise<void> {
    const all = this.keeper.all();
    const status = byId('connected-as');
    byId('connect-form').hidden = all.length > 0 && !this.adding;
    byId('sign-out').hidden = all.length === 0;
    byId('connect-another').hidden = all.length !== 1 || this.adding;
    status.hidden = all.length === 0;
    status.textContent = all.map((c) => {
      const kept = c.keep === 'officeStorage' ? 'kept in Office storage on this computer (not encrypted)' : 'kept for this session only';
      const how = c.route === 'gateway' ? 'through the Meterbook gateway' : 'directly';
      const what = isAcronis(c) ? `Acronis ${how} (${c.baseUrl})` : `the HERE Usage API ${how} (${c.baseUrl}) · realm ${c.realmId}`;
      return `Connected to ${what} · ${describeAuth(c)} · ${kept}.`;
    }).join(' ');
    const here = all.find((c) => !isAcronis(c));
    if (here && !isAcronis(here)) input('realm').value = here.realmId;
    await this.onChange(all);
  }
}
