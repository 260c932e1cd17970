// Puts a stored output on the wire: gzip-compressed with node:zlib as it is generated (the real
// API's `application/octet-stream` gzip bytes), or plain text, or gzip with `Content-Encoding: gzip`
// (which HTTP clients decompress on their own) so that clients' magic-byte detection is exercised.
import type { ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import type { Fault } from '../faults.js';

/** How downloads are encoded: `gzip` (default, like the API), `plain`, or `content-encoding`. */
export type DownloadMode = 'gzip' | 'plain' | 'content-encoding';

export async function sendDownload(res: ServerResponse, chunks: Iterable<string>, mode: DownloadMode, fileName: string, fault?: Fault): Promise<void> {
  const source = Readable.from(chunks);
  let out: Readable = source;
  if (mode !== 'plain') {
    const gzip = createGzip();
    pipeline(source, gzip, () => undefined);
    out = gzip;
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${fileName}${mode === 'plain' ? '' : '.gz'}"`,
  };
  if (mode === 'content-encoding') headers['Content-Encoding'] = 'gzip';
  res.writeHead(200, headers);
  const stop = () => out.destroy();
  res.once('close', stop);
  try {
    let pieces = 0;
    for await (const piece of out as AsyncIterable<Buffer | string>) {
      if (res.destroyed) return;
      if (fault?.truncate) {
        const buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece, 'utf8');
        await new Promise<void>((resolve) => res.write(buf.subarray(0, Math.max(1, Math.floor(buf.length / 2))), () => resolve()));
        res.destroy();
        return;
      }
      if (fault?.slowBodyMs && pieces < 10) await sleep(fault.slowBodyMs / 10);
      pieces++;
      if (!res.write(piece)) {
        const ok = await new Promise<boolean>((resolve) => {
          const onDrain = () => finish(true);
          const onClose = () => finish(false);
          const finish = (v: boolean) => {
            res.off('drain', onDrain);
            res.off('close', onClose);
            resolve(v);
          };
          res.once('drain', onDrain);
          res.once('close', onClose);
        });
        if (!ok) return;
      }
    }
    res.end();
  } finally {
    res.off('close', stop);
    out.destroy();
  }
}
