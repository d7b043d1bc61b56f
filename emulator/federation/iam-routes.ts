/**
 * Routing of the emulated IAM calls on the emulator's server (one URL serves IoTDA and IAM), with the
 * emulator's scripted faults applied to them. IAM calls carry no AK/SK signature: they authenticate with
 * the ID token or the federated token, so they bypass the IoTDA signature check, quota and random faults.
 */
import type { ReceivedRequest } from '../canonical.js';
import type { FaultScript } from '../faults.js';
import { type Decision, faultDecision } from '../pipeline.js';
import { Route } from '../types.js';
import { exchangeIdToken, type IamAnswer, IamErrorCode, iamError, oidcAuth, securityTokens } from './iam-operations.js';
import type { IamState } from './iam-state.js';

export type IamRoute = typeof Route.IamIdToken | typeof Route.IamOidcAuth | typeof Route.IamSecurityToken;

/** Where the routes live (the paths of the Huawei Cloud IAM API). */
export const IAM_PATHS = {
  idToken: '/v3.0/OS-AUTH/id-token/tokens',
  securityTokens: '/v3.0/OS-CREDENTIAL/securitytokens',
  oidcAuth: '/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/oidc/auth',
} as const;

const OIDC_AUTH = /^\/v3\/OS-FEDERATION\/identity_providers\/([^/]+)\/protocols\/oidc\/auth$/;

/**
 * @example resolveIamRoute('POST', '/v3.0/OS-AUTH/id-token/tokens') // { route: 'iam-id-token' }
 */
export function resolveIamRoute(method: string, rawPath: string): { route: IamRoute; idpId?: string } | undefined {
  if (method !== 'POST') return undefined;
  if (rawPath === IAM_PATHS.idToken) return { route: Route.IamIdToken };
  if (rawPath === IAM_PATHS.securityTokens) return { route: Route.IamSecurityToken };
  const m = OIDC_AUTH.exec(rawPath);
  if (!m?.[1]) return undefined;
  try {
    return { route: Route.IamOidcAuth, idpId: decodeURIComponent(m[1]) };
  } catch {
    return undefined;
  }
}

function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function operate(
  state: IamState,
  req: ReceivedRequest,
  resolved: { route: IamRoute; idpId?: string },
  ctx: { projectId: string; region: string },
): IamAnswer {
  if (resolved.route === Route.IamOidcAuth) return oidcAuth(state, resolved.idpId ?? '', req.headers, ctx);
  const body = parseJsonBody(req.body);
  if (typeof body !== 'object' || body === null) return iamError(400, IamErrorCode.BadBody, 'Request body is invalid.');
  if (resolved.route === Route.IamSecurityToken) return securityTokens(state, req.headers, body);
  const auth = (body as { auth?: { id_token?: { id?: unknown }; scope?: unknown } }).auth;
  const idpHeader = req.headers['x-idp-id'];
  return exchangeIdToken(state, Array.isArray(idpHeader) ? idpHeader[0] : idpHeader, auth?.id_token?.id, auth?.scope, ctx);
}

/**
 * Answers one IAM call: a scripted fault for its route (a status without a body gets an IAM-style body), else the operation.
 * @example decideIam(state, script, received, resolveIamRoute('POST', path)!, { projectId, region }).status // 201
 */
export function decideIam(
  state: IamState,
  script: FaultScript,
  req: ReceivedRequest,
  resolved: { route: IamRoute; idpId?: string },
  ctx: { projectId: string; region: string },
): Decision {
  const base = { authMode: 'none' as const };
  const normal = (): Decision => {
    const answer = operate(state, req, resolved, ctx);
    return {
      status: answer.status,
      body: answer.body,
      headers: { ...answer.headers, 'X-IAM-Trace-Id': 'emu-trace' },
      errorCode: answer.errorCode,
      delayMs: 0,
      ...base,
    };
  };
  const action = script.match({ route: resolved.route, method: req.method, query: {} });
  if (!action) return normal();
  const code =
    (action.status ?? 500) >= 500 ? IamErrorCode.Internal : action.status === 401 ? IamErrorCode.AuthRequired : IamErrorCode.BadParameter;
  const body =
    action.status !== undefined && action.body === undefined ? iamError(action.status, code, 'Injected fault.').body : action.body;
  return faultDecision({ ...action, body }, normal, base, 0);
}
