// The first-run placemat: what the pane is for, one action, and a way past it. Seen until the user
// connects or skips once; the choice is kept in this browser's localStorage (no secret in it).

import { byId } from './dom.js';

const SEEN_KEY = 'meterbook.firstRunDone';

export interface FirstRunChoices {
  /** Without a demo start: open the Connection tab. */
  connect: () => void;
  /** Skip: on to the tabs. */
  skip: () => void;
}

export class FirstRun {
  private readonly box = byId('first-run');
  private readonly shell = byId('shell');

  private demo: (() => Promise<void>) | undefined;

  constructor(private readonly choices: FirstRunChoices) {
    byId('first-run-go').addEventListener('click', () => void this.act());
    byId('first-run-skip').addEventListener('click', () => { this.done(); choices.skip(); });
  }

  private get seen(): boolean {
    try { return window.localStorage.getItem(SEEN_KEY) === '1'; } catch { return false; }
  }

  /**
   * Shows the placemat instead of the tabs on a first visit without a connection. With `demo` (a
   * one-click start with the demo gateway's data, when the pane was served with one) that is the
   * one action; without it, Connect.
   */
  start(connected: boolean, demo?: () => Promise<void>): void {
    this.demo = demo;
    byId('first-run-go').textContent = demo ? 'Try it with demo data' : 'Connect';
    byId('first-run-hint').textContent = demo
      ? 'The demo uses made-up usage from the local demo server: nothing leaves this computer.'
      : 'You need a HERE access token or app key, or an Acronis API client.';
    const show = !connected && !this.seen;
    this.box.hidden = !show;
    this.shell.hidden = show;
    if (show) byId('first-run-go').focus();
  }

  private async act(): Promise<void> {
    this.done();
    if (this.demo) await this.demo();
    else this.choices.connect();
  }

  done(): void {
    try { window.localStorage.setItem(SEEN_KEY, '1'); } catch { /* private mode: shown again next time */ }
    this.box.hidden = true;
    this.shell.hidden = false;
  }
}
