// The history entry point, `@meterbook/sdk/history`: the plan of a history table's refresh (which
// windows to keep, pull and drop). Pure and browser-safe; its own entry so that the Usage API
// bundle carries it only for callers that keep history tables.
export { planHistory, type HeldWindow, type HistoryPlan, type HistoryPlanInput, type PlannedPull, type RangeRule } from './usage/history.js';
