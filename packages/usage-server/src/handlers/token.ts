// POST /oauth2/token: the HERE account service's client-credentials grant, answered with a
// short-lived bearer token for the organizations of the signing access key.
import type { TokenIssuer } from '../auth.js';
import type { FieldError } from '../errors.js';
import type { OAuthVerifier } from '../oauth-verify.js';
import { jsonReply, type Reply } from '../reply.js';

export interface TokenDeps {
  issuer: TokenIssuer;
  verifier: OAuthVerifier;
  ttlSeconds: number;
}

export interface TokenCall {
  url: string;
  authorization: string | undefined;
  form: Record<string, string>;
  /** Spec violations of the form body, found by the router. */
  fieldErrors: FieldError[];
  correlationId: string;
}

export function requestToken(deps: TokenDeps, call: TokenCall): Reply {
  if (call.fieldErrors.length > 0) {
    const detail = call.fieldErrors.map((f) => `${f.name}: ${f.message}`).join('; ');
    return tokenError(400, 400002, 'invalid_request', `Invalid request body: ${detail}`, call.correlationId);
  }
  const verdict = deps.verifier.verify({ method: 'POST', url: call.url, authorization: call.authorization, form: call.form });
  if (!verdict.ok) return tokenError(verdict.status, verdict.errorCode, verdict.error, verdict.message, call.correlationId);
  const asked = call.form.expires_in === undefined ? deps.ttlSeconds : Number(call.form.expires_in);
  const expiresIn = Math.max(1, Math.min(asked, deps.ttlSeconds));
  const body: Record<string, string | number> = {
    access_token: deps.issuer.issue(verdict.credential.accessKeyId, verdict.credential.realms, expiresIn),
    token_type: 'bearer',
    expires_in: expiresIn,
  };
  if (call.form.scope) body.scope = call.form.scope;
  // Tokens are secrets: no caching anywhere on the way.
  return jsonReply(200, body, { 'Cache-Control': 'no-store' });
}

function tokenError(status: number, errorCode: number, error: string, message: string, correlationId: string): Reply {
  return jsonReply(status, {
    errorId: `ERROR-${correlationId}`,
    httpStatus: status,
    errorCode,
    message,
    error,
    error_description: `errorCode: '${errorCode}'. ${message}`,
  });
}
