// CSV records (RFC 4180) out of text that may end mid-record: the streaming reader hands each
// chunk's text here and keeps the unfinished tail for the next one. Hand-written rather than a
// library because the fast streaming parsers cost more bundle than the SDK's budget leaves
// (uDSV alone is about 2.6 kB gzip) and the small one (d3-dsv) took most of a download's time. The
// hot path is a quoted field without escapes: one native indexOf and one slice.

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10; // \n
const CR = 13; // \r

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
 * Parses the complete records of `text` from `from` (a record's start) into `rows` and returns
 * where the first incomplete one starts (the tail to prepend to the next chunk). With `final`, the
 * text is the whole rest of the body: the last record needs no line break. Records end at \r\n, \n or \r; blank lines are no
 * records. Quoted fields may hold commas, doubled quotes and line breaks. Characters after a
 * closing quote, up to the next delimiter, are kept in the field instead of being lost.
 */
export function parseRecords(text: string, final: boolean, rows: string[][], from = 0): number {
  const n = text.length;
  let start = from;
  let pos = from;
  let row: string[] = [];
  for (;;) {
    if (pos >= n) {
      // Only reached right after a comma: the record's last field is empty.
      if (!final) return start;
      if (row.length > 0) rows.push([...row, '']);
      return n;
    }
    let field: string;
    if (text.charCodeAt(pos) === QUOTE) {
      const q = text.indexOf('"', pos + 1);
      const after = q < 0 ? -1 : text.charCodeAt(q + 1);
      if (after === COMMA || after === LF || (after === CR && q + 2 < n)) {
        // The usual case: a quoted field without doubled quotes, then a delimiter.
        field = text.slice(pos + 1, q);
        pos = q + 1;
      } else {
        const end = quotedEnd(text, pos, final);
        if (end < 0) return start;
        field = unquote(text, pos, end);
        pos = end;
      }
    } else {
      const end = plainEnd(text, pos);
      field = text.slice(pos, end);
      pos = end;
    }
    row.push(field);
    if (pos >= n) {
      if (!final) return start;
      rows.push(row);
      return n;
    }
    const c = text.charCodeAt(pos);
    if (c === COMMA) {
      pos++;
      continue;
    }
    const blank = row.length === 1 && pos === start;
    if (c === CR) {
      if (pos + 1 >= n && !final) return start; // a \n may open the next chunk
      pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
    } else {
      pos++;
    }
    if (!blank) rows.push(row);
    row = [];
    start = pos;
  }
}
