// The hostile-input table: for every public SDK entry point, values a user, a pasted cell or an
// attacker could hand it. Each must be refused with a UsageValidationError whose issues name the
// field, before any request. Casts (`as never`) are the point: callers from JavaScript or from
// parsed user input are not held back by the types.
import { createUsageClient, type Report, type UsageClient } from '@meterbook/sdk';
import { hereCredentials, parseCredentialsProperties } from '@meterbook/sdk/credentials';

export interface HostileCase {
  entry: string;
  name: string;
  /** The field the validation issue must name. */
  field: string;
  call: (client: UsageClient, env: { apiUrl: string; tokenUrl: string }) => unknown;
}

const realmId = 'org123456789';
const range = { startDate: '2025-05-01', endDate: '2025-05-02' };
const ok = { realmId, ...range };
const long = (n: number): string => 'x'.repeat(n);
const completed = (resultHref: string): Report => ({ realmId, id: 'REPORT-1', status: 'completed', resultHref }) as Report;

export const HOSTILE_CASES: HostileCase[] = [
  // createUsageClient options
  { entry: 'createUsageClient', name: 'baseUrl that is not a URL', field: 'baseUrl', call: () => createUsageClient({ baseUrl: 'usage api please' }) },
  { entry: 'createUsageClient', name: 'baseUrl with ftp:', field: 'baseUrl', call: () => createUsageClient({ baseUrl: 'ftp://127.0.0.1/v2' }) },
  { entry: 'createUsageClient', name: 'baseUrl with javascript:', field: 'baseUrl', call: () => createUsageClient({ baseUrl: 'javascript:alert(1)' }) },
  { entry: 'createUsageClient', name: 'baseUrl with user and password', field: 'baseUrl', call: () => createUsageClient({ baseUrl: 'https://user:pw@127.0.0.1/v2' }) },
  { entry: 'createUsageClient', name: 'baseUrl with a token in the query', field: 'baseUrl', call: () => createUsageClient({ baseUrl: 'https://127.0.0.1/v2?access_token=abc' }) },
  { entry: 'createUsageClient', name: 'empty token', field: 'token', call: () => createUsageClient({ token: '   ' }) },
  { entry: 'createUsageClient', name: 'token with a header injection', field: 'token', call: () => createUsageClient({ token: 'abc\r\nX-Evil: 1' }) },
  { entry: 'createUsageClient', name: 'token of the wrong type', field: 'token', call: () => createUsageClient({ token: 42 as never }) },
  { entry: 'createUsageClient', name: 'maxRetries below 0', field: 'maxRetries', call: () => createUsageClient({ maxRetries: -1 }) },
  { entry: 'createUsageClient', name: 'maxRetries not whole', field: 'maxRetries', call: () => createUsageClient({ maxRetries: 1.5 }) },
  { entry: 'createUsageClient', name: 'maxRetries huge', field: 'maxRetries', call: () => createUsageClient({ maxRetries: 1e9 }) },
  { entry: 'createUsageClient', name: 'timeoutMs 0', field: 'timeoutMs', call: () => createUsageClient({ timeoutMs: 0 }) },
  { entry: 'createUsageClient', name: 'timeoutMs as text', field: 'timeoutMs', call: () => createUsageClient({ timeoutMs: 'fast' as never }) },
  { entry: 'createUsageClient', name: 'fetch that is not a function', field: 'fetch', call: () => createUsageClient({ fetch: 'nope' as never }) },
  // usage.list
  { entry: 'usage.list', name: 'empty realm', field: 'realmId', call: (c) => c.usage.list({ ...ok, realmId: '' }) },
  { entry: 'usage.list', name: 'realm of 10,000 characters', field: 'realmId', call: (c) => c.usage.list({ ...ok, realmId: long(10_000) }) },
  { entry: 'usage.list', name: 'realm with a NUL', field: 'realmId', call: (c) => c.usage.list({ ...ok, realmId: 'org12\u00003456' }) },
  { entry: 'usage.list', name: 'realm as a number', field: 'realmId', call: (c) => c.usage.list({ ...ok, realmId: 123456789 as never }) },
  { entry: 'usage.list', name: 'start date in words', field: 'startDate', call: (c) => c.usage.list({ ...ok, startDate: 'yesterday' }) },
  { entry: 'usage.list', name: 'impossible date 2025-02-30', field: 'startDate', call: (c) => c.usage.list({ ...ok, startDate: '2025-02-30' }) },
  { entry: 'usage.list', name: 'month 13', field: 'endDate', call: (c) => c.usage.list({ ...ok, endDate: '2025-13-01' }) },
  { entry: 'usage.list', name: 'reversed range', field: 'startDate', call: (c) => c.usage.list({ ...ok, startDate: '2025-05-10', endDate: '2025-05-01' }) },
  { entry: 'usage.list', name: 'empty range (start = end)', field: 'startDate', call: (c) => c.usage.list({ ...ok, startDate: '2025-05-01', endDate: '2025-05-01' }) },
  { entry: 'usage.list', name: 'range of 400 days', field: 'endDate', call: (c) => c.usage.list({ ...ok, startDate: '2024-01-01', endDate: '2025-02-04' }) },
  { entry: 'usage.list', name: 'date as a number', field: 'startDate', call: (c) => c.usage.list({ ...ok, startDate: 1714521600000 as never }) },
  { entry: 'usage.list', name: 'SQL injection in a date', field: 'endDate', call: (c) => c.usage.list({ ...ok, endDate: "2025-05-02' OR '1'='1" }) },
  { entry: 'usage.list', name: 'limit 0', field: 'limit', call: (c) => c.usage.list({ ...ok, limit: 0 }) },
  { entry: 'usage.list', name: 'limit 101', field: 'limit', call: (c) => c.usage.list({ ...ok, limit: 101 }) },
  { entry: 'usage.list', name: 'limit not whole', field: 'limit', call: (c) => c.usage.list({ ...ok, limit: 2.5 }) },
  { entry: 'usage.list', name: 'limit NaN', field: 'limit', call: (c) => c.usage.list({ ...ok, limit: Number.NaN }) },
  { entry: 'usage.list', name: 'negative offset', field: 'offset', call: (c) => c.usage.list({ ...ok, offset: -1 }) },
  { entry: 'usage.list', name: 'offset as text', field: 'offset', call: (c) => c.usage.list({ ...ok, offset: '1' as never }) },
  { entry: 'usage.list', name: 'detail level "minute"', field: 'detailLevel', call: (c) => c.usage.list({ ...ok, detailLevel: 'minute' as never }) },
  { entry: 'usage.list', name: 'misspelt parameter', field: 'realmid', call: (c) => c.usage.list({ ...ok, realmid: realmId } as never) },
  { entry: 'usage.list', name: 'params null', field: 'params', call: (c) => c.usage.list(null as never) },
  { entry: 'usage.list', name: 'params an array', field: 'params', call: (c) => c.usage.list([] as never) },
  { entry: 'usage.list', name: 'billing tag with a bell character', field: 'billingTag', call: (c) => c.usage.list({ ...ok, billingTag: 'team\u0007' }) },
  { entry: 'usage.list', name: 'billing tag of 5,000 characters', field: 'billingTag', call: (c) => c.usage.list({ ...ok, billingTag: long(5_000) }) },
  { entry: 'usage.list', name: 'groupBy injection', field: 'groupBy', call: (c) => c.usage.list({ ...ok, groupBy: 'project;DROP' }) },
  { entry: 'usage.list', name: 'usageFields unknown', field: 'usageFields', call: (c) => c.usage.list({ ...ok, usageFields: ['password'] as never }) },
  { entry: 'usage.list', name: 'usageFields repeated', field: 'usageFields', call: (c) => c.usage.list({ ...ok, usageFields: ['realmId', 'realmId'] }) },
  { entry: 'usage.list', name: 'subscription list of 21', field: 'billingSubscriptionId', call: (c) => c.usage.list({ ...ok, billingSubscriptionId: Array.from({ length: 21 }, (_, i) => `SUB-${i}`) }) },
  { entry: 'usage.list', name: 'channel "warm"', field: 'channelId', call: (c) => c.usage.list({ ...ok, channelId: 'warm' as never }) },
  // usage.all
  { entry: 'usage.all', name: 'Invalid Date', field: 'endDate', call: (c) => c.usage.all({ ...ok, endDate: new Date('not a date') }) },
  { entry: 'usage.all', name: 'pageSize 500', field: 'limit', call: (c) => c.usage.all(ok, { pageSize: 500 }) },
  { entry: 'usage.all', name: 'featureId of 300 characters', field: 'featureId', call: (c) => c.usage.all({ ...ok, featureId: long(300) }) },
  // usage.csv
  { entry: 'usage.csv', name: 'missing end date', field: 'endDate', call: (c) => c.usage.csv({ realmId, startDate: '2025-05-01' } as never) },
  { entry: 'usage.csv', name: 'appId with an escape sequence', field: 'appId', call: (c) => c.usage.csv({ ...ok, appId: 'app\u001b[31m' }) },
  // reports.create
  { entry: 'reports.create', name: 'hourly detail (reports have none)', field: 'detailLevel', call: (c) => c.reports.create({ ...ok, detailLevel: 'hour' as never }) },
  { entry: 'reports.create', name: 'subAccounts as a string', field: 'subAccounts', call: (c) => c.reports.create({ ...ok, subAccounts: 'org112135' as never }) },
  { entry: 'reports.create', name: 'reversed range', field: 'startDate', call: (c) => c.reports.create({ ...ok, startDate: '2025-05-02', endDate: '2025-05-01' }) },
  { entry: 'reports.create', name: 'range of 200 days', field: 'endDate', call: (c) => c.reports.create({ ...ok, startDate: '2024-01-01', endDate: '2024-07-19' }) },
  // reports.list / all / get / waitUntilDone
  { entry: 'reports.list', name: 'limit 1,000', field: 'limit', call: (c) => c.reports.list({ realmId, limit: 1_000 }) },
  { entry: 'reports.list', name: 'sort sideways', field: 'sort', call: (c) => c.reports.list({ realmId, sort: 'sideways' as never }) },
  { entry: 'reports.all', name: 'empty realm', field: 'realmId', call: (c) => c.reports.all({ realmId: '' }) },
  { entry: 'reports.get', name: 'empty report id', field: 'reportId', call: (c) => c.reports.get({ realmId, reportId: '' }) },
  { entry: 'reports.get', name: 'path traversal in the report id', field: 'reportId', call: (c) => c.reports.get({ realmId, reportId: '../../usage' }) },
  { entry: 'reports.get', name: 'report id with unicode', field: 'reportId', call: (c) => c.reports.get({ realmId, reportId: 'REPORT-１２' }) },
  { entry: 'reports.waitUntilDone', name: 'report id with a line break', field: 'reportId', call: (c) => c.reports.waitUntilDone({ realmId, id: 'REPORT-1\nX' }) },
  { entry: 'reports.waitUntilDone', name: 'realm too short', field: 'realmId', call: (c) => c.reports.waitUntilDone({ realmId: 'org', reportId: 'REPORT-1' }) },
  // reports.download
  { entry: 'reports.download', name: 'javascript: link', field: 'resultHref', call: (c) => c.reports.download('javascript:alert(1)') },
  { entry: 'reports.download', name: 'file: link', field: 'resultHref', call: (c) => c.reports.download('file:///etc/passwd') },
  { entry: 'reports.download', name: 'empty link', field: 'resultHref', call: (c) => c.reports.download('') },
  { entry: 'reports.download', name: 'link with a space', field: 'resultHref', call: (c) => c.reports.download('http://127.0.0.1/a b') },
  { entry: 'reports.download', name: 'report still in progress', field: 'report', call: (c) => c.reports.download({ ...completed('x'), status: 'inProgress' }) },
  { entry: 'reports.download', name: 'a number instead of a report', field: 'report', call: (c) => c.reports.download(42 as never) },
  // hereCredentials / parseCredentialsProperties
  { entry: 'hereCredentials', name: 'nothing given', field: 'accessKeyId', call: () => hereCredentials({} as never) },
  { entry: 'hereCredentials', name: 'secret with a space', field: 'accessKeySecret', call: (_c, env) => hereCredentials({ accessKeyId: 'KEY', accessKeySecret: 'se cret', tokenEndpointUrl: env.tokenUrl }) },
  { entry: 'hereCredentials', name: 'plain http to a remote host', field: 'tokenEndpointUrl', call: () => hereCredentials({ accessKeyId: 'KEY', accessKeySecret: 'secret', tokenEndpointUrl: 'http://account.example/oauth2/token' }) },
  { entry: 'hereCredentials', name: 'endpoint that is not a URL', field: 'tokenEndpointUrl', call: () => hereCredentials({ accessKeyId: 'KEY', accessKeySecret: 'secret', tokenEndpointUrl: 'account service' }) },
  { entry: 'parseCredentialsProperties', name: 'empty file', field: 'accessKeyId', call: () => parseCredentialsProperties('') },
  { entry: 'parseCredentialsProperties', name: 'not text', field: 'text', call: () => parseCredentialsProperties(42 as never) },
  { entry: 'parseCredentialsProperties', name: 'secret missing', field: 'accessKeySecret', call: (_c, env) => parseCredentialsProperties(`here.access.key.id = KEY\nhere.token.endpoint.url = ${env.tokenUrl}\n`) },
  { entry: 'parseCredentialsProperties', name: 'key with a tab inside', field: 'accessKeyId', call: (_c, env) => parseCredentialsProperties(`here.access.key.id = K\tEY\nhere.access.key.secret = s\nhere.token.endpoint.url = ${env.tokenUrl}\n`) },
  // Found by this suite and since refused by the SDK (realm pattern in the spec, invisible characters).
  { entry: 'usage.list', name: 'path traversal in the realm', field: 'realmId', call: (c) => c.usage.list({ ...ok, realmId: '../../oauth2/token' }) },
  { entry: 'usage.list', name: 'HTML in the realm', field: 'realmId', call: (c) => c.usage.list({ ...ok, realmId: '<script>alert(1)</script>' }) },
  { entry: 'usage.list', name: 'SQL injection in the realm', field: 'realmId', call: (c) => c.usage.list({ ...ok, realmId: "org1' OR '1'='1" }) },
  { entry: 'usage.list', name: 'full-width digits in the realm', field: 'realmId', call: (c) => c.usage.list({ ...ok, realmId: 'org１２３４５６７８９' }) },
  { entry: 'parseCredentialsProperties', name: 'zero-width space in the secret', field: 'accessKeySecret', call: (_c, env) => parseCredentialsProperties(`here.access.key.id = KEY\nhere.access.key.secret = sec\u200bret\nhere.token.endpoint.url = ${env.tokenUrl}\n`) },
];
