// @meterbook/gateway: the library entry point (the CLI is cli.ts).
export { startGateway, DEFAULT_PANE_DIR, DEFAULT_SPEC_DIR } from './server.js';
export type { GatewayOptions, RunningGateway, AuthMode, TlsOption, RateLimitOptions } from './options.js';
export { buildAllowList, KNOWN_SERVER_NAMES, type AllowList, type Mount, type Route } from './allow-list.js';
export { loadSpecOperations, type SpecOperation } from './specs.js';
export { rewriteManifest } from './manifest.js';
export { DEFAULT_RATE_LIMIT } from './rate-limit.js';
