// What a planned fault does before a request is routed, the same for every API the server plays:
// added latency, a dropped connection, or an error status with the API's own error body.
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from './faults.js';
import { jsonReply } from './reply.js';
import { send } from './send.js';

/**
 * Waits `latencyMs` plus the fault's latency, then resets the connection or answers the fault's
 * status with `errorBody(status)`. Returns true when the request is done (answered or dropped).
 */
export async function answerFault(req: { socket: { destroy(): void } }, res: ServerResponse, fault: Fault | undefined, latencyMs: number, errorBody: (status: number) => unknown): Promise<boolean> {
  const latency = latencyMs + (fault?.latencyMs ?? 0);
  if (latency > 0) await sleep(latency);
  if (fault?.reset) {
    req.socket.destroy();
    return true;
  }
  if (fault?.status) {
    const headers = fault.retryAfter ? { 'Retry-After': fault.retryAfter } : undefined;
    await send(res, jsonReply(fault.status, errorBody(fault.status), headers));
    return true;
  }
  return false;
}
