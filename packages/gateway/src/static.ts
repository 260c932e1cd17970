// Serves the built task pane. Only files under the pane directory, only GET/HEAD, no directory
// listings; `/manifest.xml` is rewritten for the public URL (manifest.ts).
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { rewriteManifest } from './manifest.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `rawPath` from `root` when it names a file there; returns false when it does not. */
export async function serveStatic(root: string, publicUrl: string, req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return false;
  }
  if (path === '/') path = '/taskpane.html';
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((p) => p === '..' || p === '.')) return false;
  let file: string;
  try {
    const realRoot = await realpath(root);
    file = await realpath(join(realRoot, path));
    // Symlinks out of the pane directory are not followed.
    if (!file.startsWith(realRoot + sep)) return false;
    if (!(await stat(file)).isFile()) return false;
  } catch {
    return false;
  }
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string | number> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Hashed bundles may be cached for long; pages and the manifest must be fetched fresh.
    'Cache-Control': /\.[0-9a-f]{8,}\./.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (path === '/manifest.xml') {
    const body = Buffer.from(rewriteManifest(await readFile(file, 'utf8'), publicUrl), 'utf8');
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  res.writeHead(200, { ...headers, 'Content-Length': (await stat(file)).size });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await pipeline(createReadStream(file), res).catch(() => res.destroy());
  return true;
}
