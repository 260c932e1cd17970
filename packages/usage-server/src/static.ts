// Serves the built task pane (or any directory) at `/`, so pane and API share one origin in dev.
// sirv does the serving: it indexes the folder once at start, so only files that were there can be
// served and no request path can reach outside it.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

/** GET/HEAD of a file of `root`: true when served, false when there is none (the caller answers 404). */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function staticFiles(root: string): StaticHandler {
  if (!existsSync(root)) throw new Error(`staticDir ${root} does not exist: build the pane first (pnpm --filter @meterbook/excel-addin build).`);
  const serve = sirv(root, {
    etag: true,
    dotfiles: false,
    setHeaders: (res) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-cache');
    },
  });
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let served = true;
    // sirv calls next() at once, synchronously, when it has no such file.
    serve(req, res, () => {
      served = false;
    });
    return served;
  };
}
