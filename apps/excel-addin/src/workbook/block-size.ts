// How many bytes one `context.sync()` may carry, by host. Excel on the web refuses a request over
// 5 MB, so it keeps the safe 1 MB default; desktop Excel (Windows, Mac) has no such cap, so it
// takes blocks just under 4 MB, which writes 100,000 usage rows in about ten syncs. A host we do
// not know (iPad, a new platform, no Office at all) gets the safe default.

import { DEFAULT_MAX_CHUNK_BYTES } from './chunking.js';

/** Payload per sync on desktop Excel: under 4 MB, so a block never nears the web's 5 MB cap either. */
export const DESKTOP_MAX_CHUNK_BYTES = 3_900_000;

/** Office's platform names (`Office.PlatformType`) that take the desktop size. */
const DESKTOP_PLATFORMS: ReadonlySet<string> = new Set(['PC', 'Mac']);

/** The block size for a platform as `Office.context.diagnostics.platform` names it. */
export function maxChunkBytesFor(platform: string | undefined): number {
  return platform !== undefined && DESKTOP_PLATFORMS.has(platform) ? DESKTOP_MAX_CHUNK_BYTES : DEFAULT_MAX_CHUNK_BYTES;
}

/** The platform this add-in runs on, or undefined outside Office or before it is ready. */
export function officePlatform(): string | undefined {
  if (typeof Office === 'undefined') return undefined;
  try {
    const platform = Office.context?.diagnostics?.platform ?? Office.context?.platform;
    return platform == null ? undefined : String(platform);
  } catch {
    // Office.context throws before Office.onReady on some hosts: not known yet, so the safe size.
    return undefined;
  }
}
