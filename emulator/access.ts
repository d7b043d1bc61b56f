/**
 * Who may call what: the signature (per service), the route, the project, the IoTDA instance and CTS
 * permission, each refused in the error format of the service the route belongs to.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ReceivedRequest } from './canonical.js';
import { CtsErrorCode, ErrorCode } from './errors.js';
import type { EmulatorOptions } from './options.js';
import type { ResolvedRoute } from './routes.js';
import { verifyRequest } from './signature.js';
import { AcceptedSignatures, type EmulatorCredential, Route } from './types.js';

export type Access =
  | { ok: true; authMode: 'basic' | 'derived' | 'none'; credential: EmulatorCredential }
  | { ok: false; authMode: 'basic' | 'derived' | 'none'; status: number; code: string; message: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * In order: signature (401), route (404), project (403), then `Instance-Id` for IoTDA or CTS rights for CTS
 * (403). CTS is a public regional endpoint: it takes the plain `SDK-HMAC-SHA256` signature only, whatever
 * `acceptedSignatures` says of the IoTDA routes.
 * @example checkAccess(options, received, resolveRoute('GET', '/v3/p1/traces'), Date.now()).ok
 */
export function checkAccess(options: EmulatorOptions, req: ReceivedRequest, resolved: ResolvedRoute, now: number): Access {
  const cts = resolved.service === 'cts';
  const accepted = options.acceptedSignatures ?? AcceptedSignatures.Any;
  const unsignedAs = accepted === AcceptedSignatures.None && !header(req.headers, 'authorization') ? options.credentials[0] : undefined;
  const auth = unsignedAs
    ? ({ ok: true, kind: 'none', credential: unsignedAs } as const)
    : verifyRequest(req, { credentials: options.credentials, region: options.region, accepted: cts ? 'basic' : accepted, now });
  if (!auth.ok) {
    const refusal = cts
      ? { code: CtsErrorCode.AuthFailed, message: `Incorrect IAM authentication information: ${auth.reason}` }
      : { code: ErrorCode.AuthFailed, message: `Authentication failed: ${auth.reason}` };
    return { ok: false, authMode: auth.kind, status: 401, ...refusal };
  }
  const refuse = (status: number, code: string, message: string): Access => ({ ok: false, authMode: auth.kind, status, code, message });
  if (resolved.route === Route.Unknown) return refuse(404, ErrorCode.NoSuchApi, 'The API does not exist or has not been published');
  // A key minted for an identity without the rights (emulator/federation/): authenticated, then refused.
  const denied = auth.credential.deniedReason;
  if (denied !== undefined) {
    return cts
      ? refuse(403, CtsErrorCode.NoPermission, `No permission, Please check roles. (${denied})`)
      : refuse(403, ErrorCode.Forbidden, `Access denied: ${denied}`);
  }
  const headerProject = header(req.headers, 'x-project-id');
  if (resolved.projectId !== options.projectId || (headerProject !== undefined && headerProject !== options.projectId)) {
    return cts
      ? refuse(403, CtsErrorCode.InvalidProject, 'Invalid project ID. Check whether the project ID is correct.')
      : refuse(403, ErrorCode.Forbidden, 'The project ID does not match the credentials');
  }
  if (!cts && options.instanceId !== undefined && header(req.headers, 'instance-id') !== options.instanceId) {
    return refuse(403, ErrorCode.Forbidden, 'Instance-Id is missing or names another instance');
  }
  if (cts && options.cts?.deniedAccessKeys?.includes(auth.credential.ak)) {
    return refuse(403, CtsErrorCode.NoPermission, 'No permission, Please check roles.');
  }
  return { ok: true, authMode: auth.kind, credential: auth.credential };
}
