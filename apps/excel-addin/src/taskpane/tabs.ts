// The three tabs (Get data · Tables · Connection) and what follows from being connected: the
// one-line connection summary with its "Change" link, the notices in place of sections that
// need a connection, and the Get data source switch when HERE and Acronis are both connected.

import { byId } from './dom.js';

export type TabName = 'get-data' | 'tables' | 'connection';
export type Source = 'here' | 'acronis' | 'none';

interface Tablist extends HTMLElement { activeid: string }

export class Tabs {
  private readonly list = byId<Tablist>('tabs');

  private sources: ('here' | 'acronis')[] = [];
  /** Told when the source switch changes the shown source. */
  onSource: (s: Source) => void = () => undefined;

  constructor() {
    for (const r of document.querySelectorAll<HTMLInputElement>('input[name="get-source"]')) {
      r.addEventListener('change', () => { this.showSections(); this.onSource(this.shownSource); });
    }
    for (const b of document.querySelectorAll<HTMLElement>('[data-go-connection]')) b.addEventListener('click', () => this.show('connection', true));
    byId('connection-change').addEventListener('click', () => this.show('connection', true));
  }

  get current(): TabName { return (this.list.activeid || 'tab-get-data').replace(/^tab-/, '') as TabName; }

  /** Opens a tab; with `focus`, keyboard focus goes to the tab so the user knows where they are. */
  show(name: TabName, focus = false): void {
    this.list.activeid = `tab-${name}`;
    if (focus) byId(`tab-${name}`).focus();
  }

  /** The source whose sections Get data shows: the switch's, when both are connected. */
  get shownSource(): Source {
    if (this.sources.length === 0) return 'none';
    if (this.sources.length === 1) return this.sources[0] as Source;
    return document.querySelector<HTMLInputElement>('input[name="get-source"]:checked')?.value === 'acronis' ? 'acronis' : 'here';
  }

  /** Show a source's sections (the switch follows). */
  showSource(s: 'here' | 'acronis'): void {
    const r = document.querySelector<HTMLInputElement>(`input[name="get-source"][value="${s}"]`);
    if (r) r.checked = true;
    this.showSections();
  }

  private showSections(): void {
    const shown = this.shownSource;
    document.body.dataset.connectedSource = this.sources.length > 1 ? 'both' : shown;
    for (const s of document.querySelectorAll<HTMLElement>('[data-source-section]')) s.hidden = s.dataset.sourceSection !== shown;
  }

  /** Sections follow the sources connected; the summary line shows once connected. */
  connected(sources: ('here' | 'acronis')[], summary: string): void {
    this.sources = sources;
    for (const n of document.querySelectorAll<HTMLElement>('[data-needs-connection]')) n.hidden = sources.length > 0;
    byId('source-switch').hidden = sources.length < 2;
    this.showSections();
    byId('connection-line').hidden = sources.length === 0;
    this.summary(summary);
  }

  summary(text: string): void {
    byId('connection-text').textContent = text;
  }
}
