// The first-run placemat: what the pane is for, one action, and a way past it. Seen until the user
// connects or skips once; the choice is kept in this browser's localStorage (no secret in it).

import { byId } from './dom.js';

const SEEN_KEY = 'meterbook.firstRunDone';

export interface FirstRunChoices {
  /** One-click start with the demo gateway's data, when the pane was served with one. */
  demo?: () => Promise<void>;
  /** Otherwise: open the Connection tab. */
  connect: () => void;
  /** Skip: on to the tabs. */
  skip: () => void;
}

export class FirstRun {
  private readonly box = byId('first-run');
  private readonly shell = byId('shell');

  constructor(private readonly choices: FirstRunChoices) {
    const go = byId('first-run-go');
    go.textContent = choices.demo ? 'Try it with demo data' : 'Connect';
    byId('first-run-hint').textContent = choices.demo
      ? 'The demo uses made-up usage from the local demo server: nothing leaves this computer.'
      : 'You need a HERE access token or app key, or an Acronis API client.';
    go.addEventListener('click', () => void this.act());
    byId('first-run-skip').addEventListener('click', () => { this.done(); choices.skip(); });
  }

  private get seen(): boolean {
    try { return window.localStorage.getItem(SEEN_KEY) === '1'; } catch { return false; }
  }

  /** Shows the placemat instead of the tabs on a first visit without a connection. */
  start(connected: boolean): void {
    const show = !connected && !this.seen;
    this.box.hidden = !show;
    this.shell.hidden = show;
    if (show) byId('first-run-go').focus();
  }

  private async act(): Promise<void> {
    this.done();
    if (this.choices.demo) await this.choices.demo();
    else this.choices.connect();
  }

  done(): void {
    try { window.localStorage.setItem(SEEN_KEY, '1'); } catch { /* private mode: shown again next time */ }
    this.box.hidden = true;
    this.shell.hidden = false;
  }
}
