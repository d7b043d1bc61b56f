import { type Credentials, LiveCredentials } from '../credentials';
import { ApiError } from '../errors';
import { assertId, PROJECT_ID_PATTERN } from '../ids';
import { apiErrorOf, requestIdOf } from '../iotda/client';
import { httpRequest } from '../iotda/http';
import * as z from '../zod';

/** Largest page CTS's Query Trace List allows. */
export const TRACE_PAGE_LIMIT = 200;

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
  /** `meta_data.marker`; undefined when it is null, absent, empty or not a string (all mean "last page"). */
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
 * const cts = new CtsClient('https://cts.cn-north-4.myhuaweicloud.com', credentials, projectId);
 * const page = await cts.listTraces({ from: Date.now() - 1_800_000, to: Date.now() }, 5000);
 */
export class CtsClient implements TraceApi {
  private readonly url: string;

  private readonly keys: LiveCredentials;

  constructor(
    endpoint: string,
    credentials: Credentials | LiveCredentials,
    private readonly projectId: string,
  ) {
    this.keys = credentials instanceof LiveCredentials ? credentials : new LiveCredentials(credentials);
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
      const answer = await httpRequest({ method: 'GET', url: `${this.url}?${new URLSearchParams(params)}`, headers, timeoutMs: timeout });
      if (answer.status >= 200 && answer.status < 300) return answer;
      throw apiErrorOf(answer, [keys.ak, keys.sk, keys.securityToken]);
    }, timeoutMs);
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw new ApiError(`trace list answer is not JSON (HTTP ${response.status})`, { kind: 'body', requestId: requestIdOf(response) });
    }
    const parsed = z.safeParse(TraceListSchema, json);
    if (!parsed.success) {
      throw new ApiError(`trace list answer has an unexpected shape (HTTP ${response.status})`, {
        kind: 'body',
        requestId: requestIdOf(response),
      });
    }
    const marker = parsed.data.meta_data?.marker;
    return { traces: parsed.data.traces, marker: typeof marker === 'string' && marker !== '' ? marker : undefined };
  }
}
