// Issue 12, observation 5: a validation message names the field as the form labels it. The
// words the messages use (FIELD_LABELS) must be the words the pane's form shows beside the field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELD_LABELS } from '../../src/flows/field-labels.js';

const html = readFileSync(new URL('../../src/taskpane/taskpane.html', import.meta.url), 'utf8');
const labels = new Map([...html.matchAll(/<label for="([\w-]+)">([^<]+)<\/label>/g)].map((m) => [m[1]!, m[2]!.trim()]));

/** The form field (element id) of each API field a message may name. */
const FORM_FIELD: Readonly<Record<string, string>> = {
  realmId: 'realm', subAccounts: 'subaccounts', startDate: 'from', endDate: 'to', detailLevel: 'detail',
  featureId: 'f-feature', appId: 'f-app', projectHrn: 'f-project', billingTag: 'f-tag', category: 'f-category',
  channelId: 'f-channel', billingSubscriptionId: 'f-subs', baseUrl: 'base-url', token: 'token',
  accessKeyId: 'key-id', accessKeySecret: 'key-secret', tokenEndpointUrl: 'token-url',
  clientId: 'acronis-client-id', clientSecret: 'acronis-client-secret', tenantId: 'acronis-tenant',
  'parameters.tenant_id': 'acronis-tenant', 'parameters.kind': 'acronis-kind', 'parameters.level': 'acronis-level',
  'parameters.period.start': 'acronis-from', 'parameters.period.end': 'acronis-to',
};

describe('messages name fields as the form labels them', () => {
  it.each(Object.entries(FORM_FIELD))('%s: the label of #%s starts with the message\'s word', (field, id) => {
    const label = labels.get(id);
    expect(label, `no <label for="${id}"> in taskpane.html`).toBeDefined();
    const word = FIELD_LABELS[field]!;
    // The label may go on with a hint in brackets: "Sub accounts (org IDs, comma-separated; …)".
    expect(label === word || label!.startsWith(`${word} (`), `${label} vs ${word}`).toBe(true);
  });
});
