// A1-style address helpers (0-based indexes in, Excel addresses out), shared by the writers and the summary formulas.

/** Column letters of a 0-based index: 0 -> A, 26 -> AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet name as a formula or address may hold it (quoted when it has to be). */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `Sheet!B3` or `Sheet!B3:D9` from 0-based indexes. */
export function a1(sheet: string, row: number, col: number, rows = 1, cols = 1): string {
  const tl = `${columnLetters(col)}${row + 1}`;
  const br = `${columnLetters(col + cols - 1)}${row + rows}`;
  return `${quoteSheet(sheet)}!${rows === 1 && cols === 1 ? tl : `${tl}:${br}`}`;
}

/** Parses `Sheet!B3:D9` (or `B3`) into 0-based indexes; undefined when it is not an address. */
export function parseA1(address: string): { sheet?: string; row: number; col: number; rows: number; cols: number } | undefined {
  const bang = address.lastIndexOf('!');
  const sheetPart = bang >= 0 ? address.slice(0, bang) : undefined;
  const sheet = sheetPart?.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(address.slice(bang + 1));
  if (!m) return undefined;
  const col = lettersToIndex(m[1] as string);
  const row = Number(m[2]) - 1;
  const col2 = m[3] ? lettersToIndex(m[3]) : col;
  const row2 = m[4] ? Number(m[4]) - 1 : row;
  return { ...(sheet !== undefined ? { sheet } : {}), row, col, rows: row2 - row + 1, cols: col2 - col + 1 };
}

function lettersToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
