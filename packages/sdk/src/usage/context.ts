import { createApiContext, type ApiContext } from '../core/api-context.js';
import type { Transport } from '../core/transport.js';
import type { paths } from '../generated/usage-v2.gen.js';

export type UsageContext = ApiContext<paths>;
export type UsageRawClient = UsageContext['raw'];

// Every array parameter of the Usage API spec is `style: form, explode: false` (comma-separated).
export function createUsageContext(transport: Transport): UsageContext {
  return createApiContext<paths>(transport, { array: { style: 'form', explode: false } });
}
