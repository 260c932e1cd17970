// One task at a time: progress (pages and rows out of total) announced politely, a Cancel
// button that aborts the running task, and one place for messages.

import { describeError } from '../flows/errors.js';
import type { PullProgress } from '../flows/pull.js';
import { byId, fmtInt } from './dom.js';

export type Report = (p: PullProgress | string) => void;

export class Activity {
  private controller: AbortController | undefined;
  private readonly box = byId('progress-box');
  private readonly bar = byId<HTMLProgressElement>('progress');
  private readonly text = byId('progress-text');
  private readonly message = byId('message');
  /** How a failure is put into words; the pane sets one that knows the connection route (CORS). */
  describe: (e: unknown) => string = (e) => describeError(e);

  constructor() {
    byId('cancel').addEventListener('click', () => this.controller?.abort());
  }

  get busy(): boolean { return this.controller !== undefined; }

  /** Runs a task; errors become a message. Returns undefined when it failed or was cancelled. */
  async run<T>(label: string, task: (signal: AbortSignal, report: Report) => Promise<T>): Promise<T | undefined> {
    if (this.controller) { this.say('Another task is still running. Cancel it first.', 'error'); return undefined; }
    const controller = (this.controller = new AbortController());
    this.say('');
    this.box.hidden = false;
    this.bar.removeAttribute('value');
    this.text.textContent = `${label}…`;
    document.body.setAttribute('data-busy', 'true');
    try {
      return await task(controller.signal, (p) => this.progress(p));
    } catch (e) {
      this.say(controller.signal.aborted ? 'Cancelled. The workbook was left as it was.' : this.describe(e), 'error');
      return undefined;
    } finally {
      this.controller = undefined;
      this.box.hidden = true;
      this.text.textContent = '';
      document.body.removeAttribute('data-busy');
    }
  }

  /** Runs a follow-up (e.g. reloading a list) without losing the message the user should read. */
  async keepingMessage<T>(fn: () => Promise<T>): Promise<T> {
    const text = this.message.textContent ?? '';
    const tone = this.message.className;
    try { return await fn(); } finally { this.message.textContent = text; this.message.className = tone; }
  }

  progress(p: PullProgress | string): void {
    if (typeof p === 'string') { this.text.textContent = p; return; }
    if (p.total > 0) { this.bar.max = p.total; this.bar.value = p.rows; }
    this.text.textContent = p.phase === 'fetch'
      ? (p.pagesTotal > 0 ? `Fetching page ${fmtInt(p.pagesDone)} of ${fmtInt(p.pagesTotal)}: ${fmtInt(p.rows)} of ${fmtInt(p.total)} rows` : `Downloading: ${fmtInt(p.rows)} rows`)
      : `Writing to the workbook: ${fmtInt(p.rows)} of ${fmtInt(p.total)} rows`;
  }

  say(text: string, tone: 'ok' | 'error' | 'info' = 'info'): void {
    this.message.textContent = text;
    this.message.className = `message ${tone}`;
  }
}
