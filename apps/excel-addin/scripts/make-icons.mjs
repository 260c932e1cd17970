// Writes the ribbon/store icons (16, 32, 64, 80 px, plus 128 for the store) as small PNGs with
// zlib only: a Fluent-blue tile with three white bars (a meter). Run once; the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function icon(size) {
  const px = (x, y) => {
    const m = size / 16;
    const inTile = x >= m * 0.5 && x < size - m * 0.5 && y >= m * 0.5 && y < size - m * 0.5;
    if (!inTile) return [0, 0, 0, 0];
    const bars = [[3, 9], [7, 5], [11, 2]]; // [left in 16ths, top in 16ths]
    for (const [l, t] of bars) if (x >= l * m && x < (l + 2.5) * m && y >= t * m && y < 13.5 * m) return [255, 255, 255, 255];
    return [15, 108, 189, 255]; // Fluent brand blue #0F6CBD
  };
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) Buffer.from(px(x, y)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync(new URL('../assets/', import.meta.url), { recursive: true });
for (const s of [16, 32, 64, 80, 128]) writeFileSync(new URL(`../assets/icon-${s}.png`, import.meta.url), icon(s));
console.log('icons written');
