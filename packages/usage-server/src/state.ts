// Everything one running server holds, shared by the request pipeline and the handlers.
import type { TokenIssuer } from './auth.js';
import type { Dataset } from './data/generator.js';
import type { UsagePager } from './data/pager.js';
import type { FaultPlanner } from './faults.js';
import type { TokenDeps } from './handlers/token.js';
import type { OAuthVerifier } from './oauth-verify.js';
import type { ServerStats } from './options.js';
import type { ReportStore } from './reports.js';
import type { SpecRouter } from './router.js';

export interface ServerState {
  router: SpecRouter;
  basePath: string;
  /** `http://host:port` as bound; used when a request has no usable Host header. */
  origin: string;
  dataset: Dataset;
  pager: UsagePager;
  reports: ReportStore;
  issuer: TokenIssuer;
  verifier: OAuthVerifier;
  token: TokenDeps;
  faults: FaultPlanner;
  latencyMs: number;
  stats: ServerStats;
  log?: (line: string) => void;
}
