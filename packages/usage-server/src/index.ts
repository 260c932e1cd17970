// Public API of @meterbook/usage-server.
export { startServer } from './server.js';
export type { RunningServer, ServerOptions, ServerStats, RequestInfo, Scale, AcronisInfo } from './options.js';
export type { RandomFaults } from './faults.js';
export { parseFault, DEFAULT_RANDOM_KINDS, type Fault } from './faults.js';
export { DEV_CREDENTIALS, DEFAULT_REALMS, type DevCredential } from './credentials.js';
export { PARTNER_REALM, PLAIN_REALM, BILLING_TAGS, REALMS } from './data/catalog.js';
export { DATA_EPOCH, dataStart } from './data/generator.js';
export { FAIL_TRIGGER_TAG } from './reports.js';
export { CSV_MAX_RECORDS } from './handlers/usage.js';
export { REPORT_MAX_RECORDS } from './handlers/reports.js';
export { specPath } from './spec.js';
export { ACRONIS_BASE_PATH, acronisSpecPath } from './acronis/spec.js';
export { ACRONIS_DEV_CLIENTS, type AcronisClient } from './acronis/tokens.js';
export { CSV_COLUMNS as ACRONIS_CSV_COLUMNS, OFFERING_ITEMS as ACRONIS_OFFERING_ITEMS } from './acronis/usage.js';
export { FAILING_CUSTOMER_NAME as ACRONIS_FAILING_CUSTOMER_NAME } from './acronis/tenants.js';
export { mulberry32 } from './data/random.js';
