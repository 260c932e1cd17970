// CSV records (RFC 4180) out of text that may end mid-record: the streaming reader hands each
// chunk's text here and keeps the unfinished tail for the next one. Hand-written rather than a
// library because the fast streaming parsers cost more bundle than the SDK's budget leaves
// (uDSV alone is about 2.6 kB gzip) and the small one (d3-dsv) took most of a download's time.
// A record is read as places in the chunk's text, not as strings: a row reader slices only the
// text it keeps and reads numbers and dates in place, which saves a million-row download millions
// of short strings. The hot path is a quoted field without escapes: one native indexOf.

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10; // \n
const CR = 13; // \r

/**
 * The fields of the record last read, as places in `text`: field `i` (of `count`) is
 * `text.slice(starts[i], ends[i])`, or, when `starts[i]` is -1 (its quotes had to be removed),
 * the string `unquoted[i]`. Reused from record to record, so only valid until the next one is read.
 */
export interface CsvRecord {
  count: number;
  text: string;
  starts: number[];
  ends: number[];
  unquoted: string[];
}

export function emptyRecord(): CsvRecord {
  return { count: 0, text: '', starts: [], ends: [], unquoted: [] };
}

/** Field `i` of the record as a string. */
export function fieldText(record: CsvRecord, i: number): string {
  const start = record.starts[i] as number;
  return start < 0 ? (record.unquoted[i] as string) : record.text.slice(start, record.ends[i]);
}

/**
 * Hands `visit` each non-empty field among the record's first `limit` as a place in a text
 * (`text.slice(start, end)` is the field), with `target` passed through so a row reader needs no
 * closure per row. What every row reader does, so none of them knows where an un-quoted field lives.
 */
export function forEachField<T>(record: CsvRecord, limit: number, target: T, visit: (target: T, i: number, text: string, start: number, end: number) => void): void {
  const fields = Math.min(record.count, limit);
  for (let i = 0; i < fields; i++) {
    let text = record.text;
    let start = record.starts[i] as number;
    let end = record.ends[i] as number;
    if (start < 0) {
      text = record.unquoted[i] as string;
      start = 0;
      end = text.length;
    }
    if (start !== end) visit(target, i, text, start, end);
  }
}

/** The record's fields as strings (a header, or a test's view of a record). */
export function recordCells(record: CsvRecord): string[] {
  const cells: string[] = [];
  for (let i = 0; i < record.count; i++) cells.push(fieldText(record, i));
  return cells;
}

/** End of the unquoted field starting at `from`: the next comma or line break, or the text's end. */
function plainEnd(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) break;
  }
  return i;
}

/**
 * Where the quoted field opening at `from` ends (after its closing quote and anything up to the
 * next delimiter), or -1 when the text may end before it does and more text is coming.
 */
function quotedEnd(text: string, from: number, final: boolean): number {
  const n = text.length;
  let at = from + 1;
  for (;;) {
    const q = text.indexOf('"', at);
    if (q < 0) return final ? n : -1;
    if (q + 1 >= n) return final ? n : -1; // a second quote may open the next chunk
    if (text.charCodeAt(q + 1) !== QUOTE) return plainEnd(text, q + 1);
    at = q + 2;
  }
}

/** The value of the quoted field text[from, end): quotes removed and doubled ones halved. */
function unquote(text: string, from: number, end: number): string {
  let value = '';
  let at = from + 1;
  for (;;) {
    const q = text.indexOf('"', at);
    if (q < 0 || q >= end) return value + text.slice(at, end);
    if (text.charCodeAt(q + 1) === QUOTE) {
      value += text.slice(at, q + 1);
      at = q + 2;
    } else {
      // The closing quote; what follows it up to the delimiter is kept.
      return value + text.slice(at, q) + text.slice(q + 1, end);
    }
  }
}

/**
 * Reads the record of `text` that starts at `from` into `record` and returns where the next one
 * starts, or -1 when no complete record starts there: the text ends inside it and more is coming,
 * or (with `final`, the text being the whole rest of the body) nothing but blank lines is left.
 * With `final` the last record needs no line break. Records end at \r\n, \n or \r; blank lines
 * are no records. Quoted fields may hold commas, doubled quotes and line breaks. Characters after
 * a closing quote, up to the next delimiter, are kept in the field instead of being lost.
 */
export function readRecord(text: string, from: number, final: boolean, record: CsvRecord): number {
  const n = text.length;
  const { starts, ends } = record;
  record.text = text;
  let start = from;
  let pos = from;
  let count = 0;
  for (;;) {
    if (pos >= n) {
      // At a record's start: nothing left. Otherwise right after a comma: the last field is empty.
      if (!final || count === 0) return -1;
      starts[count] = n;
      ends[count] = n;
      record.count = count + 1;
      return n;
    }
    // The character after the field: its delimiter, or NaN at the text's end.
    let c: number;
    if (text.charCodeAt(pos) === QUOTE) {
      const q = text.indexOf('"', pos + 1);
      c = q < 0 ? -1 : text.charCodeAt(q + 1);
      if (c === COMMA || c === LF || (c === CR && q + 2 < n)) {
        // The usual case: a quoted field without doubled quotes, then a delimiter.
        starts[count] = pos + 1;
        ends[count] = q;
        pos = q + 1;
      } else {
        const end = quotedEnd(text, pos, final);
        if (end < 0) return -1;
        record.unquoted[count] = unquote(text, pos, end);
        starts[count] = -1;
        ends[count] = -1;
        pos = end;
        c = text.charCodeAt(pos);
      }
    } else {
      const end = plainEnd(text, pos);
      starts[count] = pos;
      ends[count] = end;
      pos = end;
      c = text.charCodeAt(pos);
    }
    count++;
    if (c === COMMA) {
      pos++;
      continue;
    }
    if (pos >= n) {
      if (!final) return -1;
      record.count = count;
      return n;
    }
    const blank = count === 1 && pos === start;
    if (c === CR) {
      if (pos + 1 >= n && !final) return -1; // a \n may open the next chunk
      pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
    } else {
      pos++;
    }
    if (!blank) {
      record.count = count;
      return pos;
    }
    count = 0;
    start = pos;
  }
}
