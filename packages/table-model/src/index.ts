// @meterbook/table-model: the definition of every table Meterbook writes, with no Office.js in it.
export const TABLE_MODEL_VERSION = 1;

// Cost: rate card, cost rule and formula, currency (issue 14).
export * from './cost/index.js';
// FOCUS-aligned view (issue 14).
export * from './focus/index.js';
