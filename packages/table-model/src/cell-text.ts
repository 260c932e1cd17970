// The one rule for writing an API string into a cell so Excel keeps it as text.
//
// Office.js `Range.values` treats a string that starts with `=`, `+` or `-` as a formula and parses
// numeric-looking strings as numbers; OWASP's CSV-injection list adds `@`, tab, CR and LF. Two
// documented ways keep text as text: the text number format `@` set on the cells BEFORE the values,
// or the leading apostrophe (Excel's quote prefix). They must not be combined: under the `@` format
// an apostrophe may be kept as a literal character. The default is the text format, because it also
// keeps ids such as `00123` or `1E5` from turning into numbers; the apostrophe path is kept as a
// switch in this one place in case real Excel disagrees (see the add-in README, "Text stays text").
// It lives in the table model so every writer (Office.js, the preview, a later .xlsx file) uses it.

/** How text is kept text: the `@` format on the column, or the quote prefix on risky strings. */
export type TextStrategy = 'text-format' | 'apostrophe';

/** The text format: it also keeps ids such as `00123` from becoming numbers. */
export const DEFAULT_TEXT_STRATEGY: TextStrategy = 'text-format';

/** Excel's text number format. */
export const TEXT_NUMBER_FORMAT = '@';
/** Excel's default number format. */
export const GENERAL_NUMBER_FORMAT = 'General';

/** Excel's cell text limit; longer strings are cut rather than failing the whole batch. */
export const MAX_CELL_TEXT = 32_767;

const RISKY_START = /^[=+\-@\t\r\n]/;
const NUMERIC_LOOKING = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?\s*$/;

/** True when Excel (or a CSV consumer) could read this string as something other than text. */
export function isRiskyText(text: string): boolean {
  return RISKY_START.test(text) || NUMERIC_LOOKING.test(text) || text.startsWith("'");
}

/** The number format a text column gets under the given strategy. */
export function textColumnFormat(strategy: TextStrategy = DEFAULT_TEXT_STRATEGY): string {
  return strategy === 'text-format' ? TEXT_NUMBER_FORMAT : GENERAL_NUMBER_FORMAT;
}

/** The value to put into `Range.values` for an API string. */
export function toCellText(text: string, strategy: TextStrategy = DEFAULT_TEXT_STRATEGY): string {
  const clipped = text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
  if (strategy === 'apostrophe' && isRiskyText(clipped)) return `'${clipped}`;
  return clipped;
}
