import { bodyDateRangeChecker, forbiddenWhenChecker } from '../core/rules.js';
import { checkRequest, type RequestValues } from '../core/validation.js';
import { spec } from '../generated/acronis-account-v2.constraints.gen.js';

// The rules acronis-account-v2.yaml declares in x-meterbook-rules.
const checkers = [bodyDateRangeChecker, forbiddenWhenChecker];

/** Validates an Acronis request against its spec; throws ValidationError before anything is sent. */
export function check(operationId: keyof typeof spec.operations, values: RequestValues): void {
  checkRequest(spec, checkers, operationId, values);
}
