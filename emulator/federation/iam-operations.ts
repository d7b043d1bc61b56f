/**
 * The emulated IAM federation calls, without I/O: ID token → federated token (two documented forms), and
 * federated token → temporary AK/SK + security token. Errors use IAM's `{error_msg, error_code}` body.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type FederatedToken, type IamState, iamTimestamp } from './iam-state.js';
import { verifyIdToken } from './id-token.js';
import { applyMapping } from './mapping.js';

export interface IamAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  errorCode?: string;
}

/** Documented IAM codes; which one the real service uses for each federation failure is not documented. */
export const IamErrorCode = {
  AuthRequired: 'IAM.0001',
  NotFound: 'IAM.0004',
  Internal: 'IAM.0006',
  BadParameter: 'IAM.0007',
  BadBody: 'IAM.0011',
} as const;

/** A federated user name per IAM's "Syntax of Identity Conversion Rules": letters, digits, spaces, `-`, `_`, `.`. */
const FEDERATED_USER_NAME = /^[A-Za-z_.-][A-Za-z0-9 _.-]{0,63}$/;

/** Allowed `duration_seconds` of temporary keys: 15 minutes to 24 hours, default 15 minutes. */
export const KEY_DURATION = { min: 900, max: 86_400, default: 900 } as const;

/**
 * @example iamError(401, IamErrorCode.AuthRequired, 'The request you have made requires authentication.')
 */
export function iamError(status: number, code: string, message: string): IamAnswer {
  return { status, body: { error_msg: message, error_code: code }, headers: {}, errorCode: code };
}

/** A 401 in IAM's wording, with the emulator's reason appended (the real reason texts are not documented). */
const unauthorized = (reason: string) =>
  iamError(401, IamErrorCode.AuthRequired, `The request you have made requires authentication. (emulator: ${reason})`);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function tokenBody(state: IamState, token: FederatedToken, region: string): Record<string, unknown> {
  const { identity, idpId } = token;
  const project = token.projectId ? { project: { id: token.projectId, name: region, domain: state.domain }, roles: [], catalog: [] } : {};
  return {
    token: {
      expires_at: iamTimestamp(token.expiresAt),
      methods: ['mapped'],
      issued_at: iamTimestamp(token.issuedAt),
      user: {
        'OS-FEDERATION': {
          identity_provider: { id: idpId },
          protocol: { id: 'oidc' },
          groups: identity.groups.map((name) => ({ id: name, name })),
        },
        domain: state.domain,
        name: identity.user,
        id: randomUUID().replace(/-/g, ''),
      },
      ...project,
    },
  };
}

/** The scope object of the request, resolved against the emulated account: a project ID, or an error. */
function resolveScope(scope: unknown, state: IamState, ctx: { projectId: string; region: string }): { projectId?: string } | IamAnswer {
  if (scope === undefined) return {};
  const s = scope as { project?: { id?: string; name?: string }; domain?: { id?: string; name?: string } };
  if (s.project) {
    const { id, name } = s.project;
    if (id === ctx.projectId || (id === undefined && name === ctx.region)) return { projectId: ctx.projectId };
    return iamError(404, IamErrorCode.NotFound, `Could not find project: ${id ?? name}.`);
  }
  if (s.domain && (s.domain.id === state.domain.id || s.domain.name === state.domain.name)) return {};
  return iamError(400, IamErrorCode.BadParameter, 'Request parameter scope is invalid.');
}

/**
 * ID token → federated token: verification against the IdP, mapping, optional project scope. 201 + `X-Subject-Token`.
 * @example exchangeIdToken(state, 'aws-lambda', jwt, undefined, { projectId, region }).status // 201
 */
export function exchangeIdToken(
  state: IamState,
  idpId: string | undefined,
  idToken: unknown,
  scope: unknown,
  ctx: { projectId: string; region: string },
): IamAnswer {
  if (!idpId) return iamError(400, IamErrorCode.BadParameter, 'Request parameter X-Idp-Id is invalid.');
  const idp = state.provider(idpId);
  if (!idp) return iamError(404, IamErrorCode.NotFound, `Could not find identity provider: ${idpId}.`);
  if (typeof idToken !== 'string' || idToken === '') return iamError(400, IamErrorCode.BadBody, 'Request body is invalid.');
  const resolved = resolveScope(scope, state, ctx);
  if ('status' in resolved) return resolved;
  const checked = verifyIdToken(idToken, idp.config, idp.keys, state.now());
  if (!checked.ok) return unauthorized(checked.reason);
  const identity = applyMapping(idp.config.rules, checked.claims);
  if (!identity) return unauthorized('no identity conversion rule of the identity provider matches the id_token');
  if (!FEDERATED_USER_NAME.test(identity.user)) return unauthorized('the identity conversion rule maps to an invalid federated user name');
  const { token, record } = state.issueToken(idpId, identity, resolved.projectId);
  return { status: 201, body: tokenBody(state, record, ctx.region), headers: { 'X-Subject-Token': token } };
}

/**
 * `POST /v3/OS-FEDERATION/identity_providers/{idp}/protocols/oidc/auth` with `Authorization: Bearer <id token>`.
 * @example oidcAuth(state, 'aws-lambda', req.headers, ctx).headers['X-Subject-Token']
 */
export function oidcAuth(
  state: IamState,
  idpId: string,
  headers: IncomingHttpHeaders,
  ctx: { projectId: string; region: string },
): IamAnswer {
  const bearer = /^Bearer (.+)$/i.exec(header(headers, 'authorization') ?? '')?.[1];
  if (!bearer) return unauthorized('Authorization: Bearer <id_token> is missing');
  return exchangeIdToken(state, idpId, bearer, undefined, ctx);
}

function parseDuration(value: unknown): number | undefined {
  if (value === undefined) return KEY_DURATION.default;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= KEY_DURATION.min && n <= KEY_DURATION.max ? n : undefined;
}

/**
 * Federated token (`X-Auth-Token`, else `auth.identity.token.id`) → temporary keys. 201 `{credential}`.
 * @example securityTokens(state, req.headers, { auth: { identity: { methods: ['token'], token: { duration_seconds: 900 } } } }).status // 201
 */
export function securityTokens(state: IamState, headers: IncomingHttpHeaders, body: unknown): IamAnswer {
  const identity = (body as { auth?: { identity?: { methods?: unknown; token?: { id?: unknown; duration_seconds?: unknown } } } } | null)
    ?.auth?.identity;
  if (!identity) return iamError(400, IamErrorCode.BadBody, 'Request body is invalid.');
  if (!Array.isArray(identity.methods) || !identity.methods.includes('token'))
    return iamError(400, IamErrorCode.BadParameter, 'Request parameter methods is invalid.');
  const token = header(headers, 'x-auth-token') ?? (typeof identity.token?.id === 'string' ? identity.token.id : undefined);
  if (!token) return unauthorized('no token in X-Auth-Token or auth.identity.token.id');
  const record = state.lookupToken(token);
  if (!record) return unauthorized('the token is invalid or has expired');
  const duration = parseDuration(identity.token?.duration_seconds);
  if (duration === undefined) return iamError(400, IamErrorCode.BadParameter, 'Request parameter duration_seconds is invalid.');
  const issued = state.mintCredentials(record, duration);
  const credential = {
    access: issued.ak,
    secret: issued.sk,
    expires_at: iamTimestamp(issued.expiresAt),
    securitytoken: issued.securityToken,
  };
  return { status: 201, body: { credential }, headers: {} };
}
