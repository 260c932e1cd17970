// Some APIs send gzip bytes without saying so (no Content-Encoding). Detect gzip by its magic
// bytes (1f 8b) and decompress as a stream; anything else passes through untouched.

/** The body, gunzipped as it streams when it starts with the gzip magic bytes. */
export async function gunzipIfCompressed(body: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < 2 && !done) {
    const next = await reader.read();
    done = next.done;
    if (next.value && next.value.length > 0) {
      head.push(next.value);
      length += next.value.length;
    }
  }
  const first = head.length === 1 ? (head[0] as Uint8Array) : concat(head, length);
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.length > 0) controller.enqueue(first);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  return gzip ? rest.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : rest;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
