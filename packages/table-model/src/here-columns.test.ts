import { describe, expect, it } from 'vitest';
import { FIELD_CHOICES, GROUP_BY_CHOICES, hereColumnByKey, hereColumns, orgNameDiffers } from './here-columns.js';
import { DAY_FORMAT, HOUR_FORMAT, MONTH_FORMAT } from './formats.js';

const headers = (cols: { header: string }[]) => cols.map((c) => c.header);

describe('HERE columns', () => {
  it('puts the readable name first, the feature HRN last, and leaves out what the pull cannot fill', () => {
    const cols = hereColumns({ detailLevel: 'day', groupBy: 'billingTag' });
    expect(headers(cols)).toEqual(['Date', 'Month', 'Service', 'Category', 'Quantity', 'Billable quantity', 'Unit', 'Billing tag', 'Subscription', 'Charge number', 'Usage type', 'Realm', 'Feature HRN']);
    expect(cols[0]).toMatchObject({ kind: 'date', format: DAY_FORMAT });
    expect(cols[1]).toMatchObject({ key: 'month', kind: 'month', format: MONTH_FORMAT, field: 'usageDateTime' });
  });

  it('gives usage and report tables of the same records the same columns (the CSV has no usage type)', () => {
    const p = { detailLevel: 'month', groupBy: 'project,appId' };
    const usage = headers(hereColumns(p, { source: 'usage' })).filter((h) => h !== 'Usage type');
    expect(headers(hereColumns(p, { source: 'report' }))).toEqual(usage);
    expect(usage).toContain('Project');
    expect(usage).toContain('App');
    expect(usage).not.toContain('Billing tag');
  });

  it('keeps asked-for fields even when nothing fills them, and shows dates only when timed', () => {
    expect(headers(hereColumns({ usageFields: ['resource', 'usageValue'] }))).toEqual(['Quantity', 'Resource']);
    expect(headers(hereColumns({ detailLevel: 'hour', usageFields: ['name'] }))).toEqual(['Date and time (UTC)', 'Month', 'Service']);
    expect(hereColumns({ detailLevel: 'hour' })[0]).toMatchObject({ format: HOUR_FORMAT });
  });

  it('shows the organization only when a report has one that differs from the realm', () => {
    expect(orgNameDiffers([{ realmId: 'org1', orgName: 'org1' }])).toBe(false);
    expect(orgNameDiffers([{ realmId: 'org1', orgName: 'Contoso' }])).toBe(true);
    expect(headers(hereColumns({}, { source: 'report', withOrgName: true }))).toContain('Organization');
  });

  it('maps remembered keys back to the same columns, the old resourceHrn included', () => {
    expect(hereColumnByKey('resourceHrn', 'day')).toMatchObject({ key: 'resource', aliases: ['resourceHrn'] });
    expect(hereColumnByKey('usageDateTime', 'hour')).toMatchObject({ format: HOUR_FORMAT });
    expect(hereColumnByKey('somethingNew', 'day')).toMatchObject({ header: 'somethingNew', kind: 'text' });
  });

  it('offers group-by and field choices in the headers\' words', () => {
    const all = headers(hereColumns({ detailLevel: 'day', groupBy: 'project,billingTag,appId,resource' }));
    for (const c of [...GROUP_BY_CHOICES, ...FIELD_CHOICES]) expect(all, c.label).toContain(c.label);
  });
});
