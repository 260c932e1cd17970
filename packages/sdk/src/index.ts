// The SDK's public entry point. Browser-safe: nothing here imports Node modules.
export { createUsageClient, type UsageClient, type UsageClientOptions } from './usage/client.js';
export type { UsageCalls } from './usage/usage-calls.js';
export { maxDaysPerCall, splitRange } from './usage/split-range.js';
export type { ReportCalls, ReportListParams, ReportWaitOptions } from './usage/reports.js';
export type {
  CallOptions,
  DateInput,
  DateWindow,
  Page,
  PageProgress,
  RangeOptions,
  RangeProgress,
  Report,
  ReportCreateParams,
  ReportParameters,
  ReportRef,
  ReportStatus,
  UsageCsvRow,
  UsageFilters,
  UsagePageQuery,
  UsageQuery,
  UsageRecord,
  WalkOptions,
} from './usage/types.js';
export {
  AbortedError,
  ApiError,
  // The Usage API's names for the shared error classes.
  ApiError as UsageApiError,
  AuthError,
  ConflictError,
  IncompleteResultError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ReportFailedError,
  ServerError,
  TimeoutError,
  ValidationError,
  ValidationError as UsageValidationError,
  type ApiErrorKind,
  type ValidationIssue,
} from './core/errors.js';
export type { TokenFunction, TokenRequest, TokenSource } from './core/auth.js';
export type { RetryEvent } from './core/retry.js';
export { LazyList } from './core/lazy-list.js';
export { formatApiDateTime, parseApiDateTime } from './core/dates.js';
export type { components as UsageApiComponents, paths as UsageApiPaths, operations as UsageApiOperations } from './generated/usage-v2.gen.js';
