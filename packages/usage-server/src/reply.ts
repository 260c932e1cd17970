// What a handler answers, before faults and the wire: a status, headers and a JSON text or CSV chunks.

export type ReplyBody =
  | { type: 'json'; text: string }
  | { type: 'csv'; chunks: AsyncIterable<string> | Iterable<string> }
  | { type: 'none' };

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: ReplyBody;
}

export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, headers, body: { type: 'json', text: JSON.stringify(value) } };
}

/** For JSON built by hand (e.g. numbers that must keep four decimals). */
export function rawJsonReply(status: number, text: string, headers?: Record<string, string>): Reply {
  return { status, headers, body: { type: 'json', text } };
}
