/**
 * Options, records and the handle of the STS stand-in (GetWebIdentityToken) and its OIDC issuer.
 */
import type { OidcIssuer } from './issuer.js';
import type { AwsTestCredential } from './sigv4.js';
import type { StsErrorCode } from './sts-protocol.js';

export interface StsStandInOptions {
  /** The region STS is reached in: the SigV4 scope must name it (GetWebIdentityToken has no global endpoint). */
  region: string;
  /** The principals that may call; `principalArn` becomes the JWT's `sub`. */
  credentials: AwsTestCredential[];
  /** The `iss` claim and issuer identifier. Default: the stand-in's own URL (which serves the discovery documents). */
  issuerUrl?: string;
  /** Account setting "outbound identity federation"; default true. When false every call gets the feature-disabled error. */
  federationEnabled?: boolean;
  /**
   * Models an `sts:IdentityTokenAudience` condition on the principal's policy: a request naming any other
   * audience is refused with AccessDenied. Default: any audience.
   */
  allowedAudiences?: string[];
  /** Offset of the stand-in's clock from the real one (ms). */
  clockSkewMs?: number;
  host?: string;
  port?: number;
}

/**
 * A scripted failure: the next matching requests (after SigV4 verification) get this error instead of a token.
 * `skip` lets the first N through; `times` limits the hits (default unlimited).
 */
export interface StsFault {
  code: StsErrorCode | string;
  /** Default: 400 for Throttling and validation, 403 for AccessDenied and the feature error, 500 for InternalFailure. */
  status?: number;
  message?: string;
  skip?: number;
  times?: number;
  delayMs?: number;
  /** Destroy the connection instead of answering (the SDK sees ECONNRESET). */
  reset?: boolean;
}

/** One handled request; never holds keys, signatures or the token. */
export interface StsCallRecord {
  action: string;
  status: number;
  errorCode?: string;
  accessKeyId?: string;
  audience?: string[];
  signingAlgorithm?: string;
  durationSeconds?: number;
  /** Lower-cased request header names. */
  headerNames: string[];
  time: number;
}

export interface StsStandIn {
  /** Base URL: the STS endpoint (POST /) and the issuer's documents (GET /.well-known/…). */
  url: string;
  /** The issuer whose keys sign every token (mint tokens with it directly for negative tests). */
  issuer: OidcIssuer;
  calls: StsCallRecord[];
  /** Every JWT the stand-in has issued (for secret scans). */
  issuedTokens(): string[];
  addFault(fault: StsFault): void;
  clearFaults(): void;
  setFederationEnabled(enabled: boolean): void;
  /** Moves the stand-in's clock (iat/exp of the tokens it mints, the SigV4 date window). */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}
