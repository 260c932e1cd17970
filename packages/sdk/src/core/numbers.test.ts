import { describe, expect, it } from 'vitest';
import { readNumber, readNumberAt } from './numbers.js';

describe('readNumber', () => {
  it('gives what Number() gives for plain decimals, bit for bit', () => {
    const texts = ['0', '7', '-0', '-0.0', '4.0237', '-4.0237', '0.1', '0.3', '123456789012345', '1.23456789012345', '-99999.9999999999', '.5', '5.', '-.25', '007.50', '0.000000000000001'];
    for (let i = 0; i < 2000; i++) texts.push((i * 7919.123457).toFixed(i % 12), (-i / 3).toFixed(6), String(i * 0.1));
    for (const text of texts) expect(Object.is(readNumber(text), Number(text))).toBe(true);
  });

  it('leaves what is not a plain decimal to Number(), so every text reads the same', () => {
    const texts = ['', ' ', '-', '.', '-.', '1e3', '1E-2', ' 5', '5 ', '+5', '0x10', '1,5', '1.2.3', 'NaN', 'Infinity', '-Infinity', '1234567890123456', '0.1234567890123456', '12345678901234567890', '١٢'];
    for (const text of texts) expect(Object.is(readNumber(text), Number(text))).toBe(true);
  });

  it('reads a number in place inside a longer text, the same as Number() of that stretch', () => {
    const texts = ['4.0237', '-12', '', '-', '1e3', ' 5', '0.1234567890123456', 'x'];
    for (const inner of texts) {
      const line = `"9",-${inner},7.5`;
      const start = 5;
      expect(Object.is(readNumberAt(line, start, start + inner.length), Number(inner))).toBe(true);
    }
  });
});
