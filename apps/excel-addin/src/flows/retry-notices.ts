// When the server slows the pane down (429, or a 503 asking to wait), the SDK waits and retries
// on its own; without a word the progress bar just stops. Each client the pane makes reports its
// retries here (connection.ts), and the run that is using the client turns them into a progress
// message the views show like any other. Clients live as long as the connection, runs come and
// go, so each client has one slot for the run listening now.
import type { RetryEvent } from '@meterbook/sdk';

export const SLOWED_DOWN_MESSAGE = 'The server is slowing us down; continuing…';

type Say = (message: string) => void;

const listening = new WeakMap<object, { say?: Say }>();

/** What the user reads about one retry. */
export function retryMessage(e: RetryEvent): string {
  if (e.status === 429 || e.status === 503) return SLOWED_DOWN_MESSAGE;
  return `A request failed; trying again (attempt ${e.attempt + 1})…`;
}

/** The `onRetry` for a client the pane is about to make; `attach` it to the client once made. */
export function retryNotices(): { onRetry: (e: RetryEvent) => void; attach: (client: object) => void } {
  const slot: { say?: Say } = {};
  return {
    onRetry: (e) => slot.say?.(retryMessage(e)),
    attach: (client) => listening.set(client, slot),
  };
}

/** Runs `task` with the client's retries told to `say` (e.g. a run's onProgress). */
export async function sayingRetries<T>(client: object | undefined, say: Say | undefined, task: () => Promise<T>): Promise<T> {
  const slot = client ? listening.get(client) : undefined;
  if (!slot || !say) return task();
  const before = slot.say;
  slot.say = say;
  try {
    return await task();
  } finally {
    slot.say = before;
  }
}
