// The names the pane's forms give to the fields the SDK validates, so that a rejected value is
// named as the user sees it ("Sub accounts"), never as the API spells it (subAccounts).

/** API field name -> the label of its form field. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  realmId: 'Realm (org) ID',
  subAccounts: 'Sub accounts',
  startDate: 'From',
  endDate: 'To',
  detailLevel: 'Detail level',
  featureId: 'Feature ID',
  appId: 'App ID',
  projectHrn: 'Project HRN',
  billingTag: 'Billing tag',
  category: 'Category',
  channelId: 'Channel',
  billingSubscriptionId: 'Subscription IDs',
  groupBy: 'Group by',
  usageFields: 'Fields',
  baseUrl: 'API base URL',
  token: 'Access token',
  accessKeyId: 'Access key ID',
  accessKeySecret: 'Access key secret',
  tokenEndpointUrl: 'Token endpoint URL',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  tenantId: 'Tenant',
  'parameters.tenant_id': 'Tenant',
  'parameters.level': 'Level',
  'parameters.kind': 'Kind',
  'parameters.period.start': 'From',
  'parameters.period.end': 'To',
};

/** What a value of the field looks like, for "is not <this>" when its pattern does not match. */
const EXPECTED_FORM: Readonly<Record<string, string>> = {
  realmId: 'an org ID like org123456789',
  subAccounts: 'an org ID like org123456789',
  projectHrn: 'a project HRN like hrn:here:authorization::org123456789:project/my-project',
  groupBy: 'a list of project, billingTag, appId or resource',
  reportId: 'a report ID',
};

/** The form's label of an API field name (the field's last part, in words, when unknown). */
export function fieldLabelOf(field: string): string {
  const known = FIELD_LABELS[field] ?? FIELD_LABELS[field.split('.').pop() ?? field];
  if (known) return known;
  const last = field.split('.').pop() ?? field;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * One SDK validation message in the form's words. The SDK writes "<Label> (<field>)[, value N,]
 * <problem>"; the label becomes the form's, and "is not in the expected form (got X)" says what
 * the form expects.
 */
export function plainIssue(field: string, message: string): string {
  const label = fieldLabelOf(field);
  const marker = `(${field})`;
  const at = message.indexOf(marker);
  let rest = at >= 0 ? message.slice(at + marker.length) : message;
  rest = rest.replace(/^,\s*value \d+,/, '').trim();
  const form = /^is not in the expected form \(got (.*)\)\.?$/.exec(rest);
  if (form) {
    const expected = EXPECTED_FORM[field.split('.').pop() ?? field];
    return expected ? `${label}: ${form[1]} is not ${expected}.` : `${label}: ${form[1]} is not in the form this field takes.`;
  }
  return at >= 0 ? `${label} ${rest}` : `${label}: ${rest}`;
}
