// Stateless hashing so any hour of any series can be computed on its own, in any order:
// that is what lets the server answer a query without materializing two years of data.

/** murmur3's 32-bit finalizer: a cheap mix with good avalanche. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of two integers, as an unsigned 32-bit integer. */
export function hash2(a: number, b: number): number {
  return fmix((Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(b, 0xcc9e2d51)) | 0);
}

/** Hash of two integers as a float in [0, 1). */
export function unit2(a: number, b: number): number {
  return hash2(a, b) / 4294967296;
}

/** FNV-1a of a string, mixed: a stable seed from a name. */
export function hashString(text: string, seed = 0): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

/** A small seeded PRNG (mulberry32) for sequences such as random fault mixing. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
