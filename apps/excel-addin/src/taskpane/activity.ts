// The one running task: a progress bar with its text (pages and rows out of total) announced
// politely, a time estimate, a Cancel button (Esc too) that aborts it, and one place for messages.
// Focus stays in the pane: it moves to Cancel while the task runs and back where it was after.

import type { PullProgress } from '../flows/pull.js';
import { byId, clear, fmtInt } from './dom.js';
import { presentError, renderError, type ErrorPresentation } from './error-view.js';
import { secondsLeft, timeLeftText } from './estimate.js';

export type Report = (p: PullProgress | string) => void;
/** `warn`: done, but not all of it (say, some tables not refreshed). */
export type Tone = 'ok' | 'warn' | 'error' | 'info';

interface ProgressBar extends HTMLElement { value: number | null; max: number }

const CANCELLED = 'Cancelled. The workbook was left as it was.';

export class Activity {
  private controller: AbortController | undefined;
  private readonly box = byId('progress-box');
  private readonly bar = byId<ProgressBar>('progress');
  private readonly text = byId('progress-text');
  private readonly estimate = byId('progress-estimate');
  private readonly cancel = byId('cancel');
  private readonly message = byId('message');
  private phase: { name: string; startedAt: number } | undefined;
  /** How a failure is put into words; the pane sets one that knows the connection route (CORS). */
  describe: (e: unknown) => ErrorPresentation = (e) => presentError(e);

  constructor() {
    this.cancel.addEventListener('click', () => this.controller?.abort());
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && this.controller) { ev.preventDefault(); this.controller.abort(); }
    });
  }

  get busy(): boolean { return this.controller !== undefined; }

  /** Runs a task; errors become a message. Returns undefined when it failed or was cancelled. */
  async run<T>(label: string, task: (signal: AbortSignal, report: Report) => Promise<T>): Promise<T | undefined> {
    if (this.controller) { this.say('Another task is still running. Cancel it first.', 'error'); return undefined; }
    const controller = (this.controller = new AbortController());
    const returnFocus = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined;
    this.say('');
    this.box.hidden = false;
    this.bar.value = null;
    this.phase = undefined;
    this.estimate.textContent = '';
    this.text.textContent = `${label}…`;
    document.body.setAttribute('data-busy', 'true');
    this.cancel.focus();
    try {
      return await task(controller.signal, (p) => this.progress(p));
    } catch (e) {
      if (controller.signal.aborted) this.say(CANCELLED, 'error');
      else this.say(this.describe(e), 'error');
      return undefined;
    } finally {
      this.controller = undefined;
      this.box.hidden = true;
      this.text.textContent = '';
      this.estimate.textContent = '';
      document.body.removeAttribute('data-busy');
      // Back to the control that started the task, if it is still there to take focus.
      if (document.activeElement === this.cancel || document.activeElement === document.body) {
        if (returnFocus?.isConnected && returnFocus.checkVisibility()) returnFocus.focus();
        else this.message.focus();
      }
    }
  }

  /** Runs a follow-up (e.g. reloading a list) without losing the message the user should read. */
  async keepingMessage<T>(fn: () => Promise<T>): Promise<T> {
    const kept = [...this.message.childNodes];
    const tone = this.message.className;
    try { return await fn(); } finally { clear(this.message); this.message.append(...kept); this.message.className = tone; }
  }

  progress(p: PullProgress | string): void {
    if (typeof p === 'string') { this.text.textContent = p; return; }
    if (p.total > 0) { this.bar.max = p.total; this.bar.value = p.rows; }
    if (this.phase?.name !== p.phase) this.phase = { name: p.phase, startedAt: performance.now() };
    this.estimate.textContent = timeLeftText(secondsLeft({ elapsedMs: performance.now() - this.phase.startedAt, done: p.rows, total: p.total }));
    this.text.textContent = p.phase === 'fetch'
      // Rows and months are what the analyst asked for; pages are the API's business.
      ? (p.monthsTotal !== undefined ? `Downloading ${fmtInt(p.rows)} of ${fmtInt(p.total)} rows (${fmtInt(p.monthsDone ?? 0)} of ${fmtInt(p.monthsTotal)} months done)`
        : p.total > 0 ? `Downloading ${fmtInt(p.rows)} of ${fmtInt(p.total)} rows` : `Downloading: ${fmtInt(p.rows)} rows`)
      : `Writing to the workbook: ${fmtInt(p.rows)} of ${fmtInt(p.total)} rows`;
  }

  /** A message: plain text, or a failure with its Details disclosure. */
  say(what: string | ErrorPresentation, tone: Tone = 'info'): void {
    clear(this.message);
    if (typeof what === 'string') { if (what) this.message.append(what); }
    else this.message.append(...renderError(what));
    this.message.className = `message ${tone}`;
  }
}
