// The three tabs (Get data · Tables · Connection) and what follows from being connected: the
// one-line connection summary with its "Change" link, and the notices in place of sections that
// need a connection.

import { byId } from './dom.js';

export type TabName = 'get-data' | 'tables' | 'connection';
export type Source = 'here' | 'acronis' | 'none';

interface Tablist extends HTMLElement { activeid: string }

export class Tabs {
  private readonly list = byId<Tablist>('tabs');

  constructor() {
    for (const b of document.querySelectorAll<HTMLElement>('[data-go-connection]')) b.addEventListener('click', () => this.show('connection', true));
    byId('connection-change').addEventListener('click', () => this.show('connection', true));
  }

  get current(): TabName { return (this.list.activeid || 'tab-get-data').replace(/^tab-/, '') as TabName; }

  /** Opens a tab; with `focus`, keyboard focus goes to the tab so the user knows where they are. */
  show(name: TabName, focus = false): void {
    this.list.activeid = `tab-${name}`;
    if (focus) byId(`tab-${name}`).focus();
  }

  /** Sections follow the source; the summary line shows once connected. */
  connected(source: Source, summary: string): void {
    document.body.dataset.connectedSource = source;
    for (const n of document.querySelectorAll<HTMLElement>('[data-needs-connection]')) n.hidden = source !== 'none';
    for (const s of document.querySelectorAll<HTMLElement>('[data-source-section]')) s.hidden = s.dataset.sourceSection !== source;
    byId('connection-line').hidden = source === 'none';
    this.summary(summary);
  }

  summary(text: string): void {
    byId('connection-text').textContent = text;
  }
}
