// Puts a reply on the wire: JSON in one write, CSV streamed with backpressure, and the body
// faults (truncate, invalid-json, slow-body) applied on the way.
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from './faults.js';
import type { Reply } from './reply.js';

const CSV_TYPE = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export async function send(res: ServerResponse, reply: Reply, fault?: Fault): Promise<void> {
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  const body = reply.body;
  if (fault?.invalidJson) return sendInvalidJson(res, body.type === 'json' ? body.text : '{"total": 1, "items": []}');
  if (body.type === 'none') {
    res.writeHead(reply.status);
    res.end();
    return;
  }
  if (body.type === 'json') {
    const bytes = Buffer.from(fault?.emptyPage && reply.status === 200 ? withoutItems(body.text) : body.text, 'utf8');
    res.writeHead(reply.status, { 'Content-Type': JSON_TYPE, 'Content-Length': String(bytes.length) });
    if (fault?.truncate) return cutOff(res, bytes.subarray(0, Math.floor(bytes.length / 2)));
    if (fault?.slowBodyMs) return dribble(res, [bytes], fault.slowBodyMs);
    res.end(bytes);
    return;
  }
  res.writeHead(reply.status, { 'Content-Type': CSV_TYPE });
  if (fault?.truncate) {
    for await (const chunk of body.chunks) {
      const bytes = Buffer.from(chunk, 'utf8');
      return cutOff(res, bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
    }
    return cutOff(res, Buffer.alloc(0));
  }
  if (fault?.slowBodyMs) {
    const parts: Buffer[] = [];
    for await (const chunk of body.chunks) parts.push(Buffer.from(chunk, 'utf8'));
    return dribble(res, parts, fault.slowBodyMs);
  }
  await stream(res, body.chunks);
}

/** Writes chunks, waiting for 'drain' when the socket's buffer is full; stops if the client left. */
async function stream(res: ServerResponse, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) {
      const ok = await new Promise<boolean>((resolve) => {
        const done = (v: boolean) => () => {
          res.off('drain', onDrain);
          res.off('close', onClose);
          resolve(v);
        };
        const onDrain = done(true);
        const onClose = done(false);
        res.once('drain', onDrain);
        res.once('close', onClose);
      });
      if (!ok) return;
    } else {
      // Generating rows is CPU work; yielding keeps other requests (and 'close') flowing.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  res.end();
}

/** Sends part of the body, then drops the connection: the client sees a body cut mid-way. */
function cutOff(res: ServerResponse, part: Buffer): Promise<void> {
  return new Promise((resolve) => {
    res.write(part, () => {
      res.destroy();
      resolve();
    });
  });
}

/** Sends the body in ten pieces spread over `ms`. */
async function dribble(res: ServerResponse, parts: Buffer[], ms: number): Promise<void> {
  const all = Buffer.concat(parts);
  const pieces = 10;
  const size = Math.max(1, Math.ceil(all.length / pieces));
  for (let i = 0; i < all.length; i += size) {
    if (res.destroyed) return;
    res.write(all.subarray(i, i + size));
    await sleep(ms / pieces);
  }
  res.end();
}

/** A 200 with a JSON content type and a malformed body, like the docs' curly-quoted sample. */
function sendInvalidJson(res: ServerResponse, text: string): void {
  const broken = text.replace(/"([A-Za-z]+)":/, '\u201c$1\u201d:').replace(/\}\s*$/, '');
  const bytes = Buffer.from(broken, 'utf8');
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

/** A paged envelope with its items (and count) emptied and everything else kept. */
function withoutItems(text: string): string {
  const page = JSON.parse(text) as Record<string, unknown>;
  if (!Array.isArray(page.items)) return text;
  return JSON.stringify({ ...page, count: 0, items: [] });
}
