// Links in upstream answers (a report's `resultHref`, the `Location` of a new report) point at the
// upstream. The pane must follow them through the gateway, so a link into a configured upstream
// (or its spec server) that names an allow-listed GET becomes the same link under the gateway's
// public URL. Any other link is left as it is: the gateway never fetches a URL it was handed.
import type { AllowList } from './allow-list.js';

export type LinkRewriter = (href: string) => string;

export function createLinkRewriter(allow: AllowList, publicUrl: string): LinkRewriter {
  return (href) => {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return href; // relative: it already resolves against the base URL the pane used (the gateway's)
    }
    for (const mount of allow.mounts) {
      for (const base of [mount.upstream, new URL(mount.specServer)]) {
        const basePath = base.pathname.replace(/\/+$/, '');
        if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) continue;
        const rest = url.pathname.slice(basePath.length);
        try {
          allow.match('GET', `${mount.prefix}${rest}`);
        } catch {
          continue;
        }
        return `${publicUrl}${mount.prefix}${rest}${url.search}`;
      }
    }
    return href;
  };
}

/** Rewrites every string under a key ending in `href` (any case), at any depth. */
export function rewriteJsonLinks(value: unknown, rewrite: LinkRewriter): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteJsonLinks(v, rewrite));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = typeof v === 'string' && /href$/i.test(key) ? rewrite(v) : rewriteJsonLinks(v, rewrite);
  }
  return out;
}
