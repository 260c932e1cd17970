// @meterbook/table-model: the definition of every table Meterbook writes, with no Office.js in it.
// One export line per module, so helpers adding modules add lines without touching these.
/** Version of the table definitions, for stores that remember them. */
export const TABLE_MODEL_VERSION = 1;

export * from './a1.js';
export * from './acronis-columns.js';
export * from './captions.js';
export * from './cell-text.js';
export * from './columns.js';
export * from './display.js';
export * from './excel-date.js';
export * from './formats.js';
export * from './here-columns.js';
export * from './render.js';
export * from './summary.js';
export * from './summary-layout.js';
export * from './test-strings.js';
// Cost: rate card, cost rule and formula, currency (issue 14).
export * from './cost/index.js';
// FOCUS-aligned view (issue 14).
export * from './focus/index.js';
