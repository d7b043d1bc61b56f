import type { Config } from '../config';
import { type Credentials, LiveCredentials } from '../credentials';
import { ApiError } from '../errors';
import { assertId, BUS_ID_PATTERN, GROUP_ID_PATTERN, PROJECT_ID_PATTERN } from '../ids';
import { SecretList } from '../redact';
import type { SoftBus } from '../types';
import * as z from '../zod';
import { type HttpResponse, httpRequest } from './http';

/** Largest page ListHarmonySoftBus allows. */
export const PAGE_LIMIT = 50;

const SoftBusSchema = z.looseObject({
  bus_id: z.string(),
  group_id: z.optional(z.string()),
  status: z.optional(z.string()),
}) satisfies z.ZodMiniType<SoftBus>;
const ListAnswerSchema = z.looseObject({
  // Required: an answer without the list ({} from a misbehaving proxy) must not pass as an empty group.
  harmony_soft_buses: z.array(SoftBusSchema),
  page: z.optional(z.looseObject({ count: z.optional(z.number()), marker: z.optional(z.nullable(z.string())) })),
});
const ErrorBodySchema = z.looseObject({ error_code: z.optional(z.string()), error_msg: z.optional(z.string()) });

export interface SoftBusPage {
  buses: SoftBus[];
  /** `page.marker`: where the next page starts. */
  marker?: string;
  count?: number;
}

/** The two calls the engine makes; IotdaClient is the real one, tests pass scripted ones. */
export interface SoftBusApi {
  listSoftBuses(query: { groupId?: string; marker?: string }, timeoutMs: number): Promise<SoftBusPage>;
  syncSoftBus(busId: string, timeoutMs: number): Promise<void>;
}

/**
 * The two IoTDA calls the function makes, signed with sdk-core's signers over Node's HTTP client.
 * IDs are validated before they go into the path; every call has a timeout chosen by the caller.
 * @example
 * const client = new IotdaClient(config, credentials, projectId);
 * const page = await client.listSoftBuses({ groupId }, 5000);
 * await client.syncSoftBus(page.buses[0].bus_id, 5000);
 */
export class IotdaClient implements SoftBusApi {
  private readonly base: string;

  private readonly projectId: string;

  private readonly keys: LiveCredentials;

  constructor(
    private readonly config: Config,
    credentials: Credentials | LiveCredentials,
    projectId: string,
  ) {
    this.keys = credentials instanceof LiveCredentials ? credentials : new LiveCredentials(credentials);
    this.projectId = assertId('project ID', projectId, PROJECT_ID_PATTERN);
    this.base = `${config.endpoint}/v5/iot/${this.projectId}`;
  }

  /** ListHarmonySoftBus: one page, newest records first; pass `marker` from the previous page. */
  async listSoftBuses(query: { groupId?: string; marker?: string }, timeoutMs: number): Promise<SoftBusPage> {
    const params: Record<string, string> = { limit: String(PAGE_LIMIT) };
    if (query.groupId) params.group_id = assertId('group ID', query.groupId, GROUP_ID_PATTERN);
    if (query.marker) params.marker = query.marker;
    const response = await this.call('GET', `${this.base}/harmony-soft-bus`, params, timeoutMs);
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw new ApiError(`list answer is not JSON (HTTP ${response.status})`, { kind: 'body', requestId: requestIdOf(response) });
    }
    const parsed = z.safeParse(ListAnswerSchema, json);
    if (!parsed.success) {
      throw new ApiError(`list answer has an unexpected shape (HTTP ${response.status})`, {
        kind: 'body',
        requestId: requestIdOf(response),
      });
    }
    const marker = parsed.data.page?.marker ?? undefined;
    return { buses: parsed.data.harmony_soft_buses, marker, count: parsed.data.page?.count };
  }

  /** CreateSyncHarmonySoftBus: pushes the bus to its group's devices now (200, empty body). */
  async syncSoftBus(busId: string, timeoutMs: number): Promise<void> {
    const id = assertId('bus ID', busId, BUS_ID_PATTERN);
    await this.call('POST', `${this.base}/harmony-soft-bus/${id}/sync`, {}, timeoutMs);
  }

  /** ShowHarmonySoftBus: one bus with its live status (verified syncs read it). */
  async showSoftBus(busId: string, timeoutMs: number): Promise<SoftBus> {
    const id = assertId('bus ID', busId, BUS_ID_PATTERN);
    const response = await this.call('GET', `${this.base}/harmony-soft-bus/${id}`, {}, timeoutMs);
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      json = undefined;
    }
    const parsed = z.safeParse(SoftBusSchema, json);
    if (!parsed.success)
      throw new ApiError(`show answer is not a soft bus (HTTP ${response.status})`, { kind: 'body', requestId: requestIdOf(response) });
    return parsed.data;
  }

  private async call(method: 'GET' | 'POST', url: string, query: Record<string, string>, timeoutMs: number): Promise<HttpResponse> {
    // As sdk-core's credentials do: the project ID also goes, signed, in X-Project-Id.
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Project-Id': this.projectId };
    if (this.config.instanceId) headers['Instance-Id'] = this.config.instanceId;
    // sdk-core's signers (and node:crypto) load on the first call: events that need no call never pay.
    const { signRequest } = await import('./signer');
    const search = new URLSearchParams(query).toString();
    // Temporary keys refused mid-run (401) are renewed once and the request sent again (LiveCredentials).
    return this.keys.use(async (keys, timeout) => {
      const signed = signRequest({ method, url, query, headers }, keys, this.config.signing, this.config.region);
      const response = await httpRequest({ method, url: search ? `${url}?${search}` : url, headers: signed, timeoutMs: timeout });
      if (response.status >= 200 && response.status < 300) return response;
      throw apiErrorOf(response, [keys.ak, keys.sk, keys.securityToken]);
    }, timeoutMs);
  }
}

/**
 * The error of an answer (IoTDA and CTS share the `{error_code, error_msg}` body); its message is the
 * service's, with our secrets cut out before it is shortened.
 * @example throw apiErrorOf(response, [credentials.ak, credentials.sk, credentials.securityToken]);
 */
export function apiErrorOf(response: HttpResponse, secrets: Array<string | undefined>): ApiError {
  let errorCode: string | undefined;
  let errorMsg: string | undefined;
  try {
    const body = z.safeParse(ErrorBodySchema, JSON.parse(response.body));
    if (body.success) ({ error_code: errorCode, error_msg: errorMsg } = body.data);
  } catch {
    // Gateways answer some errors with HTML; the status says enough.
  }
  // Scrubbed before it is shortened: a cut could leave a fragment of a key that no scrub then finds.
  if (errorMsg) errorMsg = new SecretList(secrets).scrub(errorMsg).slice(0, 300);
  return new ApiError(errorMsg || `HTTP ${response.status}`, {
    status: response.status,
    errorCode,
    requestId: requestIdOf(response),
    retryAfter: response.headers['retry-after'],
    kind: 'http',
  });
}

/** The service's `X-Request-Id`, for support tickets. @example requestIdOf(response) // '5f0c…' */
export function requestIdOf(response: HttpResponse): string | undefined {
  const value = response.headers['x-request-id'];
  return Array.isArray(value) ? value[0] : value;
}
