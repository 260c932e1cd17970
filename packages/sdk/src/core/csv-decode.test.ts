import { describe, expect, it } from 'vitest';
import { chunkDecoder } from './csv-decode.js';

/** The text of `bytes` cut into the given pieces, decoded chunk by chunk. */
function decodeInPieces(bytes: Uint8Array, cuts: number[]): string {
  const decoder = chunkDecoder();
  let text = '';
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.decode(bytes.subarray(at, cut));
    at = cut;
  }
  return text + decoder.end();
}

/** What TextDecoder's own streaming mode makes of the same pieces. */
function streamingDecode(bytes: Uint8Array, cuts: number[]): string {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.decode(bytes.subarray(at, cut), { stream: true });
    at = cut;
  }
  return text + decoder.decode();
}

describe('chunkDecoder', () => {
  const sample = new TextEncoder().encode('a,ü\n日本,€\n😀,x\n');

  it('reads a character split between chunks at any byte, in two or three pieces', () => {
    const expected = new TextDecoder().decode(sample);
    for (let cut = 0; cut <= sample.length; cut++) {
      expect(decodeInPieces(sample, [cut])).toBe(expected);
      for (let second = cut; second <= sample.length; second++) expect(decodeInPieces(sample, [cut, second])).toBe(expected);
    }
  });

  it('reads one byte at a time', () => {
    const cuts = Array.from({ length: sample.length }, (_, i) => i);
    expect(decodeInPieces(sample, cuts)).toBe(new TextDecoder().decode(sample));
  });

  it('drops a byte order mark at the start only, even one split across chunks', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const bytes = new Uint8Array([...bom, 0x61, 0x0a, ...bom, 0x62]);
    expect(decodeInPieces(bytes, [1, 2])).toBe('a\n\ufeffb');
    // A mark opening a later chunk is text, not a mark.
    expect(decodeInPieces(bytes, [5])).toBe('a\n\ufeffb');
  });

  it('turns invalid and cut-off sequences into the same replacement characters as the streaming decoder', () => {
    const bytes = new Uint8Array([0x61, 0xe2, 0x82, 0x62, 0x80, 0xbf, 0xc3, 0xff, 0xe0, 0x80, 0x41, 0xf0, 0x9f, 0x98, 0xf0, 0x9f]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let second = cut; second <= bytes.length; second++) expect(decodeInPieces(bytes, [cut, second])).toBe(streamingDecode(bytes, [cut, second]));
    }
    expect(decodeInPieces(bytes, [])).toBe(new TextDecoder().decode(bytes));
  });
});
