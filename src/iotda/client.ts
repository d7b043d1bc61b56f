import { MAX_CODE_CHARS, MAX_SERVICE_MESSAGE_CHARS } from '../bounds';
import type { Config } from '../config';
import { type Credentials, LiveCredentials } from '../credentials';
import { ApiError } from '../errors';
import { assertId, BUS_ID_PATTERN, GROUP_ID_PATTERN, PROJECT_ID_PATTERN } from '../ids';
import { parseJson } from '../json';
import { SecretList } from '../redact';
import type { SoftBus } from '../types';
import * as z from '../zod';
import { type HttpResponse, httpRequest } from './http';
import { parseListAnswer, parseSoftBus, type SoftBusPage } from './list-answer';

export type { SoftBusPage } from './list-answer';

/** Largest page ListHarmonySoftBus allows. */
export const PAGE_LIMIT = 50;

/** The settings that choose the host, named in errors that no retry can fix (DNS, TLS). */
const ENDPOINT_SETTINGS = 'IOTDA_REGION and IOTDA_ENDPOINT';
/** A sync answers an empty body, an error a few hundred bytes: more is not read (a list page is ~10 KB, up to 1 MB). */
const MAX_SYNC_ANSWER_BYTES = 64 * 1024;
/** IoTDA and APIG error codes look like `IOTDA.000002` or `APIG.0308`. */
const ERROR_CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const ErrorBodySchema = z.looseObject({ error_code: z.optional(z.unknown()), error_msg: z.optional(z.unknown()) });

/** The two calls the engine makes; IotdaClient is the real one, tests pass scripted ones. */
export interface SoftBusApi {
  listSoftBuses(query: { groupId?: string; marker?: string }, timeoutMs: number): Promise<SoftBusPage>;
  syncSoftBus(busId: string, timeoutMs: number): Promise<void>;
}

/**
 * The IoTDA calls the function makes, signed with sdk-core's signers over Node's HTTP client. IDs are
 * validated before they go into the path, and every answer where it is parsed; every call has a timeout
 * chosen by the caller.
 * @example
 * const client = new IotdaClient(config, credentials, projectId, log.secrets);
 * const page = await client.listSoftBuses({ groupId }, 5000);
 * await client.syncSoftBus(page.buses[0].bus_id, 5000);
 */
export class IotdaClient implements SoftBusApi {
  private readonly base: string;

  private readonly projectId: string;

  private readonly keys: LiveCredentials;

  /** The invocation's secrets (the logger's): answers are scrubbed with them before anything is shortened. */
  private readonly secrets: SecretList;

  constructor(
    private readonly config: Config,
    credentials: Credentials | LiveCredentials,
    projectId: string,
    secrets?: SecretList,
  ) {
    this.keys = credentials instanceof LiveCredentials ? credentials : new LiveCredentials(credentials);
    const { ak, sk, securityToken } = this.keys.current;
    this.secrets = secrets ?? new SecretList([ak, sk, securityToken]);
    this.projectId = assertId('project ID', projectId, PROJECT_ID_PATTERN);
    this.base = `${config.endpoint}/v5/iot/${this.projectId}`;
  }

  /** ListHarmonySoftBus: one page, newest records first; pass `marker` from the previous page. */
  async listSoftBuses(query: { groupId?: string; marker?: string }, timeoutMs: number): Promise<SoftBusPage> {
    const params: Record<string, string> = { limit: String(PAGE_LIMIT) };
    if (query.groupId) params.group_id = assertId('group ID', query.groupId, GROUP_ID_PATTERN);
    if (query.marker) params.marker = query.marker;
    const response = await this.call('GET', `${this.base}/harmony-soft-bus`, params, timeoutMs);
    return parseListAnswer(response.body, response.status, requestIdOf(response, this.secrets), this.secrets);
  }

  /** CreateSyncHarmonySoftBus: pushes the bus to its group's devices now (200, empty body). */
  async syncSoftBus(busId: string, timeoutMs: number): Promise<void> {
    const id = assertId('bus ID', busId, BUS_ID_PATTERN);
    await this.call('POST', `${this.base}/harmony-soft-bus/${id}/sync`, {}, timeoutMs, MAX_SYNC_ANSWER_BYTES);
  }

  /** ShowHarmonySoftBus: one bus with its live status (verified syncs read it), validated as a list entry is. */
  async showSoftBus(busId: string, timeoutMs: number): Promise<SoftBus> {
    const id = assertId('bus ID', busId, BUS_ID_PATTERN);
    const response = await this.call('GET', `${this.base}/harmony-soft-bus/${id}`, {}, timeoutMs, MAX_SYNC_ANSWER_BYTES);
    const bus = parseSoftBus(parseJson(response.body));
    if (!bus)
      throw new ApiError(`show answer is not a soft bus (HTTP ${response.status})`, {
        kind: 'body',
        requestId: requestIdOf(response, this.secrets),
      });
    return bus;
  }

  private async call(
    method: 'GET' | 'POST',
    url: string,
    query: Record<string, string>,
    timeoutMs: number,
    maxBodyBytes?: number,
  ): Promise<HttpResponse> {
    // As sdk-core's credentials do: the project ID also goes, signed, in X-Project-Id.
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Project-Id': this.projectId };
    if (this.config.instanceId) headers['Instance-Id'] = this.config.instanceId;
    // sdk-core's signers (and node:crypto) load on the first call: events that need no call never pay.
    const { signRequest } = await import('./signer');
    const search = new URLSearchParams(query).toString();
    // Temporary keys refused mid-run (401) are renewed once and the request sent again (LiveCredentials).
    return this.keys.use(async (keys, timeout) => {
      const signed = signRequest({ method, url, query, headers }, keys, this.config.signing, this.config.region);
      const target = search ? `${url}?${search}` : url;
      const response = await httpRequest({
        method,
        url: target,
        headers: signed,
        timeoutMs: timeout,
        maxBodyBytes,
        settings: ENDPOINT_SETTINGS,
      });
      if (response.status >= 200 && response.status < 300) return response;
      this.secrets.add(keys.securityToken);
      throw apiErrorOf(response, this.secrets);
    }, timeoutMs);
  }
}

/**
 * The error of an answer (IoTDA and CTS share the `{error_code, error_msg}` body): the service's code
 * (validated, else scrubbed and cut to 64) and message (scrubbed, then cut to 300): scrubbed before it is
 * shortened, since a cut could leave a piece of a key that no scrub then finds.
 * @example throw apiErrorOf(response, log.secrets); // or [credentials.ak, credentials.sk, credentials.securityToken]
 */
export function apiErrorOf(response: HttpResponse, secrets: SecretList | Array<string | undefined>): ApiError {
  const list = secrets instanceof SecretList ? secrets : new SecretList(secrets);
  // Gateways answer some errors with HTML (not JSON): the status says enough then.
  const body = z.safeParse(ErrorBodySchema, parseJson(response.body));
  const { error_code: code, error_msg: text } = body.success ? body.data : {};
  const errorCode =
    typeof code !== 'string' || code === '' ? undefined : ERROR_CODE_PATTERN.test(code) ? code : list.clip(code, MAX_CODE_CHARS);
  const errorMsg = typeof text === 'string' && text !== '' ? list.clip(text, MAX_SERVICE_MESSAGE_CHARS) : undefined;
  return new ApiError(errorMsg ?? `HTTP ${response.status}${response.cut ? ' (an answer too large to read)' : ''}`, {
    status: response.status,
    errorCode,
    requestId: requestIdOf(response, list),
    retryAfter: response.headers['retry-after']?.slice(0, MAX_CODE_CHARS),
    kind: 'http',
  });
}

/** The service's `X-Request-Id`, for support tickets (scrubbed, then cut to 64). @example requestIdOf(response) // '5f0c…' */
export function requestIdOf(response: HttpResponse, secrets: SecretList = new SecretList()): string | undefined {
  const value = response.headers['x-request-id'];
  const id = Array.isArray(value) ? value[0] : value;
  return id === undefined ? undefined : secrets.clip(id, MAX_CODE_CHARS);
}
