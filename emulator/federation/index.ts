/**
 * Test doubles of the keyless AWS Lambda → Huawei Cloud path (issue 13): a local OIDC issuer, an STS
 * stand-in for GetWebIdentityToken, and (served by the IoTDA emulator itself) Huawei IAM's ID-token and
 * temporary-key calls. See emulator/federation/README.md.
 */

export { IamErrorCode, KEY_DURATION } from './iam-operations.js';
export { IAM_PATHS } from './iam-routes.js';
export type { IamControl, IamOptions, IdentityProviderConfig, IssuedCredential, MappingRule } from './iam-types.js';
export { DISCOVERY_PATH, type DiscoveryDocument, JWKS_PATH, type MintOptions, OidcIssuer } from './issuer.js';
export { type Jwks, JwsAlgorithm, type PublicJwk, parseJws } from './jws.js';
export type { AwsTestCredential } from './sigv4.js';
export { AUDIENCE_LIMITS, DURATION_LIMITS, STS_CLAIMS_NAMESPACE } from './sts-operation.js';
export { StsErrorCode } from './sts-protocol.js';
export { startStsStandIn } from './sts-server.js';
export type { StsCallRecord, StsFault, StsStandIn, StsStandInOptions } from './sts-types.js';
