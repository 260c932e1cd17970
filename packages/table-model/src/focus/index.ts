// The FOCUS-aligned view: FOCUS 1.2 column ids over HERE and Acronis usage, costs from the rate card.
export {
  FOCUS_CHARGE_CATEGORIES,
  FOCUS_CHARGE_CLASS_CORRECTION,
  FOCUS_CHARGE_FREQUENCIES,
  FOCUS_CUSTOM_PREFIX,
  FOCUS_MANDATORY_COLUMNS,
  FOCUS_OTHER_COLUMNS,
  FOCUS_SERVICE_CATEGORIES,
  focusDateTime,
  type FocusColumnId,
  type FocusServiceCategory,
} from './spec.js';
export type { CostSource, FocusRow, FocusRowKey } from './focus-row.js';
export { acronisServiceCategory, hereServiceCategory } from './service-category.js';
export { DEFAULT_PARTIES, focusView, type FocusParties, type FocusViewOptions } from './focus-view.js';
export { FOCUS_VIEW_COLUMNS, FOCUS_VIEW_FROZEN_COLUMNS, FOCUS_VIEW_SHEET, focusCaption } from './columns.js';
