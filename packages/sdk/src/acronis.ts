// The Acronis entry point, `@meterbook/sdk/acronis`: a second API over the same core
// (transport, retries, errors, auth, CSV). Browser-safe.
export { createAcronisClient, type AcronisClient, type AcronisClientOptions } from './acronis/client.js';
export { acronisCredentials, type AcronisCredentialsOptions } from './acronis/credentials.js';
export type { AcronisReportCalls } from './acronis/reports.js';
export type { AcronisTenantCalls, AcronisTenantListParams } from './acronis/tenants.js';
export type {
  AcronisFormat,
  AcronisKind,
  AcronisLevel,
  AcronisReport,
  AcronisReportCreateParams,
  AcronisReportParameters,
  AcronisStoredReport,
  AcronisTenant,
  AcronisUsageRow,
} from './acronis/types.js';
export { ApiError, ConflictError, ValidationError, type ApiErrorKind, type ValidationIssue } from './core/errors.js';
export type { RetryEvent } from './core/retry.js';
export type { components as AcronisApiComponents, paths as AcronisApiPaths } from './generated/acronis-account-v2.gen.js';
