// Route matching from the spec, asked again and again for the same paths (a paged pull).
import { describe, expect, it } from 'vitest';
import { SpecRouter } from '../src/router.js';
import { loadSpec } from '../src/spec.js';

describe('SpecRouter.match', () => {
  it('answers a path asked for again the same way, and each path with its own parameters', async () => {
    const router = await SpecRouter.create(loadSpec());
    for (let round = 0; round < 3; round++) {
      const first = router.match('GET', '/usage/realms/org123456789', false);
      const other = router.match('GET', '/usage/realms/org112135/reports/r-1', false);
      expect(first.kind === 'operation' && [first.operation.operationId, first.params]).toEqual(['getUsage', { realmId: 'org123456789' }]);
      expect(other.kind === 'operation' && [other.operation.operationId, other.params]).toEqual(['getUsageReport', { realmId: 'org112135', reportId: 'r-1' }]);
      expect(router.match('DELETE', '/usage/realms/org123456789', false)).toEqual({ kind: 'methodNotAllowed', allow: ['GET'] });
      expect(router.match('GET', '/nowhere', false)).toEqual({ kind: 'notFound' });
      // The token endpoint lives at the root only.
      expect(router.match('POST', '/oauth2/token', false).kind).toBe('notFound');
      expect(router.match('POST', '/oauth2/token', true).kind).toBe('operation');
    }
  });
});
