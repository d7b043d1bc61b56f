import { type Credentials, LiveCredentials } from '../credentials';
import { ApiError } from '../errors';
import { assertId, MARKER_PATTERN, PROJECT_ID_PATTERN } from '../ids';
import { apiErrorOf, requestIdOf } from '../iotda/client';
import { httpRequest } from '../iotda/http';
import { parseJson } from '../json';
import { SecretList } from '../redact';
import * as z from '../zod';

/** Largest page CTS's Query Trace List allows. */
export const TRACE_PAGE_LIMIT = 200;
/** The settings that choose CTS's host, named in errors that no retry can fix (DNS, TLS). */
const CTS_SETTINGS = 'CTS_ENDPOINT and IOTDA_REGION';

// `traces` is required: an answer without it ({} from a misbehaving proxy) must not pass as "no change".
// Each trace stays unknown here: the feed reads it with the CTS-trigger payload's own schema.
const TraceListSchema = z.looseObject({
  traces: z.array(z.unknown()),
  meta_data: z.optional(z.nullable(z.looseObject({ count: z.optional(z.unknown()), marker: z.optional(z.unknown()) }))),
});

/** The window and the page of one query: `from`/`to` in epoch ms, `next` the previous page's marker. */
export interface TraceQuery {
  from: number;
  to: number;
  next?: string;
}

export interface TracePage {
  traces: unknown[];
  /**
   * `meta_data.marker`; undefined when it is null, absent, empty or not a string (all mean "last page").
   * A string that is no short URL-safe token (a trace ID) fails the page as malformed: it would grow the
   * next URL, and taking it for the end would skip the older traces.
   */
  marker?: string;
}

/** The one CTS call the change feed makes; CtsClient is the real one, tests pass scripted ones. */
export interface TraceApi {
  listTraces(query: TraceQuery, timeoutMs: number): Promise<TracePage>;
}

/**
 * CTS Query Trace List v3 (`GET /v3/{project_id}/traces`) for IoTDA device-group management traces,
 * signed with sdk-core's plain AK/SK signer (`SDK-HMAC-SHA256`: CTS is a public regional endpoint and
 * the SDK signs it plainly) with the invocation's credentials.
 * @example
 * const cts = new CtsClient('https://cts.cn-north-4.myhuaweicloud.com', credentials, projectId, log.secrets);
 * const page = await cts.listTraces({ from: Date.now() - 1_800_000, to: Date.now() }, 5000);
 */
export class CtsClient implements TraceApi {
  private readonly url: string;

  private readonly keys: LiveCredentials;

  /** The invocation's secrets (the logger's): what the answer echoes is scrubbed with them before it is shortened. */
  private readonly secrets: SecretList;

  constructor(
    endpoint: string,
    credentials: Credentials | LiveCredentials,
    private readonly projectId: string,
    secrets?: SecretList,
  ) {
    this.keys = credentials instanceof LiveCredentials ? credentials : new LiveCredentials(credentials);
    const { ak, sk, securityToken } = this.keys.current;
    this.secrets = secrets ?? new SecretList([ak, sk, securityToken]);
    this.url = `${endpoint}/v3/${assertId('project ID', projectId, PROJECT_ID_PATTERN)}/traces`;
  }

  async listTraces(query: TraceQuery, timeoutMs: number): Promise<TracePage> {
    // No service_type filter: the reference wants "upper-case letters" while IoTDA's traces say `IoTDA`;
    // a filter of the wrong case would answer nothing, silently. resource_type narrows enough, and each
    // trace's service is checked when it is read (docs/cts-and-groups.md).
    const params: Record<string, string> = {
      trace_type: 'system',
      resource_type: 'device-group',
      from: String(query.from),
      to: String(query.to),
      limit: String(TRACE_PAGE_LIMIT),
    };
    if (query.next) params.next = query.next;
    const { signRequest } = await import('../iotda/signer');
    const unsigned = { 'Content-Type': 'application/json', 'X-Project-Id': this.projectId };
    // The same keys as IoTDA's: temporary keys refused mid-run (401) are renewed once (LiveCredentials).
    const response = await this.keys.use(async (keys, timeout) => {
      const headers = signRequest({ method: 'GET', url: this.url, query: params, headers: unsigned }, keys, 'basic', undefined);
      const answer = await httpRequest({
        method: 'GET',
        url: `${this.url}?${new URLSearchParams(params)}`,
        headers,
        timeoutMs: timeout,
        settings: CTS_SETTINGS,
      });
      if (answer.status >= 200 && answer.status < 300) return answer;
      this.secrets.add(keys.securityToken);
      throw apiErrorOf(answer, this.secrets);
    }, timeoutMs);
    const json = parseJson(response.body);
    const parsed = z.safeParse(TraceListSchema, json);
    const marker = parsed.success ? parsed.data.meta_data?.marker : undefined;
    const unusable = typeof marker === 'string' && marker !== '' && !MARKER_PATTERN.test(marker);
    if (!parsed.success || unusable) {
      const what = json === undefined ? 'is not JSON' : unusable ? 'has an unusable marker' : 'has an unexpected shape';
      throw new ApiError(`trace list answer ${what} (HTTP ${response.status})`, {
        kind: 'body',
        requestId: requestIdOf(response, this.secrets),
      });
    }
    return { traces: parsed.data.traces, marker: typeof marker === 'string' && marker !== '' ? marker : undefined };
  }
}
