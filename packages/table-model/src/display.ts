// How a cell shows under the number formats Meterbook writes, for writers that draw cells
// themselves (the pane's preview, a later HTML or CSV export): `12,013,417`, `17 Nov 2026`,
// `Nov 2026`, `4.5%`, `EUR 1,234.50`. Only the formats of formats.ts (and the older ones) are understood; anything
// else shows the plain value.

import { fromExcelSerial } from './excel-date.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

function showDate(serial: number, format: string): string {
  const d = fromExcelSerial(serial);
  // Longest tokens first: `mmm` (month name) before `mm`, which means minutes after `hh`.
  return format.replace(/yyyy|mmm|hh|mm|dd|d/g, (t, at: number) => {
    switch (t) {
      case 'yyyy': return String(d.getUTCFullYear());
      case 'mmm': return MONTHS[d.getUTCMonth()] as string;
      case 'hh': return pad(d.getUTCHours());
      case 'mm': return format.slice(0, at).includes('hh') ? pad(d.getUTCMinutes()) : pad(d.getUTCMonth() + 1);
      case 'dd': return pad(d.getUTCDate());
      default: return String(d.getUTCDate());
    }
  });
}

/** The text Excel shows for a value under one of our number formats. */
export function displayValue(value: string | number | boolean, format: string): string {
  if (typeof value !== 'number') return String(value);
  // A cost: `[$EUR] #,##0.00` shows `EUR 1,234.50` (and `-EUR 3.00`), as Excel does.
  const money = /^\[\$([A-Za-z]{3})\] (.+)$/.exec(format);
  if (money) return `${value < 0 ? '-' : ''}${money[1]} ${displayValue(Math.abs(value), money[2] as string)}`;
  // `0` places always show, `#` places only when not zero: `#,##0.####` shows 12.5 and 366.1967.
  const fixed = /^(#,##)?0(?:\.(0*)(#*))?(%?)$/.exec(format);
  if (fixed) {
    const least = fixed[2]?.length ?? 0;
    const most = least + (fixed[3]?.length ?? 0);
    const n = fixed[4] ? value * 100 : value;
    const text = n.toLocaleString('en-US', { minimumFractionDigits: least, maximumFractionDigits: most, useGrouping: fixed[1] !== undefined });
    return `${text}${fixed[4] ?? ''}`;
  }
  if (/yy/.test(format)) return showDate(value, format);
  return String(value);
}
