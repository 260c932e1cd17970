// The credentials entry point, `@meterbook/sdk/credentials`: the app-key sign-in (a token
// function that signs the HERE account service's client-credentials request with OAuth 1.0a, and
// the reader of a `credentials.properties` text). Browser-safe; its own entry so that the Usage
// API bundle carries the signing only for callers that sign in with app keys, not with a token.
export { hereCredentials, parseCredentialsProperties, type HereCredentials, type HereCredentialsOptions } from './usage/credentials.js';
