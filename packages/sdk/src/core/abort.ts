// Waiting and cancelling, the same way everywhere: every wait can be aborted.

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// One listener per signal however many calls wait on it: a walk's signal is shared by every page
// in flight (up to 16), and Node warns of a leak past ten listeners on one signal.
const followers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `listener` once when `signal` aborts; returns what detaches it. */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let listeners = followers.get(signal);
  if (listeners === undefined) {
    const all = new Set<() => void>();
    listeners = all;
    followers.set(signal, all);
    signal.addEventListener('abort', () => {
      followers.delete(signal);
      for (const each of all) each();
    }, { once: true });
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A signal that aborts when any of the given ones does; `dispose` detaches the listeners. */
export function anySignal(signals: (AbortSignal | undefined)[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  const detach: (() => void)[] = [];
  for (const signal of present) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    detach.push(onAbort(signal, () => controller.abort(signal.reason)));
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const each of detach) each();
    },
  };
}

/** The reason used when a deadline passes. */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`deadline of ${ms} ms passed`);
    this.name = 'DeadlineExceeded';
  }
}
