// A CSV body's bytes as text, chunk by chunk. TextDecoder's streaming mode would carry a character
// split between chunks by itself, but in Node it leaves the fast UTF-8 path for a generic
// converter and takes twice as long (a tenth of a million-row download). So each chunk is decoded
// whole, up to its last complete character, and the few bytes of a split character wait for the
// next chunk: the text is the same as the streaming decoder's, since a UTF-8 decoder holds no
// state before a byte that cannot continue a character.

/** Bytes before `bytes.length` that end on a character's end (or on an invalid sequence, which decodes the same wherever it is cut). */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const byte = bytes[i] as number;
    if (byte < 0x80) return n;
    if (byte >= 0xc0) {
      // A lead byte: keep it for the next chunk when its continuation bytes are not all here.
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return i + length <= n ? n : i;
    }
  }
  return n;
}

/** Decodes chunk after chunk of one UTF-8 body; `end()` gives what is left at the body's end. */
export interface ChunkDecoder {
  decode(bytes: Uint8Array): string;
  end(): string;
}

export function chunkDecoder(): ChunkDecoder {
  // A byte order mark is dropped at the body's start only, as a streaming decoder does.
  const first = new TextDecoder('utf-8');
  const later = new TextDecoder('utf-8', { ignoreBOM: true });
  let started = false;
  const none = new Uint8Array(0);
  let carry = none;
  const decodeWhole = (bytes: Uint8Array): string => {
    if (bytes.length === 0) return '';
    const decoder = started ? later : first;
    started = true;
    return decoder.decode(bytes);
  };
  return {
    decode(bytes) {
      let all = bytes;
      if (carry.length > 0) {
        all = new Uint8Array(carry.length + bytes.length);
        all.set(carry);
        all.set(bytes, carry.length);
      }
      const cut = completeLength(all);
      carry = cut === all.length ? none : all.slice(cut);
      return decodeWhole(all.subarray(0, cut));
    },
    end() {
      const rest = carry;
      carry = none;
      return decodeWhole(rest);
    },
  };
}
