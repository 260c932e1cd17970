import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipIfCompressed } from './gzip.js';

function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

const text = 'tenant.id,name,usage.absolute.total\n' + Array.from({ length: 500 }, (_, i) => `t${i},storage,${i * 1024}`).join('\n');

describe('gunzipIfCompressed', () => {
  it.each([1, 2, 3, 1000])('gunzips gzip bytes, whatever the chunking (%i)', async (size) => {
    const stream = await gunzipIfCompressed(chunked(new Uint8Array(gzipSync(text)), size));
    expect(await new Response(stream).text()).toBe(text);
  });

  it.each([1, 5000])('passes plain text through (%i)', async (size) => {
    const stream = await gunzipIfCompressed(chunked(new TextEncoder().encode(text), size));
    expect(await new Response(stream).text()).toBe(text);
  });

  it('handles an empty body and a one-byte body', async () => {
    expect(await new Response(await gunzipIfCompressed(chunked(new Uint8Array(), 1))).text()).toBe('');
    expect(await new Response(await gunzipIfCompressed(chunked(new TextEncoder().encode('x'), 1))).text()).toBe('x');
  });
});
