/**
 * Where the Huawei keys come from: the runtime's (FunctionGraph agency), the environment, a Secrets
 * Manager secret (the SDK or the extension), or AWS outbound identity federation (Lambda), and the
 * invocation's credentials that temporary keys can renew once (LiveCredentials).
 */
export { LiveCredentials, liveCredentials, registerSecrets } from './live';
export { type KeyRequest, requestTimeout } from './request';
export { type Credentials, type KeySourceName, type RuntimeKeys, resolveCredentials, resolveProjectId } from './resolve';
