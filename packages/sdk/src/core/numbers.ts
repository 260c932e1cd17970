// Numbers out of CSV cells. A report carries two amounts on each of a million rows, and V8's
// generic string-to-number conversion is the slow part of reading them, so plain decimals of up
// to 15 digits are read digit by digit. That is exact: the digits and the power of ten are both
// exact doubles, and one division rounds correctly, as Number() does.

const powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** `Number(text)`, the same value for every text, read without the generic conversion when it is a plain decimal (`12`, `-4.0237`). */
export function readNumber(text: string): number {
  return readNumberAt(text, 0, text.length);
}

/** `Number(text.slice(start, end))`, read in place (no string made) when it is a plain decimal. */
export function readNumberAt(text: string, start: number, end: number): number {
  const negative = text.charCodeAt(start) === 45; // -
  let digits = 0;
  let mantissa = 0;
  let point = -1;
  for (let i = negative ? start + 1 : start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digits++;
    } else if (digit === -2 && point < 0) {
      point = i; // .
    } else {
      return Number(text.slice(start, end));
    }
  }
  if (digits === 0 || digits > 15) return Number(text.slice(start, end));
  const value = point < 0 ? mantissa : mantissa / (powersOfTen[end - 1 - point] as number);
  return negative ? -value : value;
}
