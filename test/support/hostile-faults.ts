/**
 * The hostile rows of the fault matrix (test/e2e/fault-matrix.test.ts, test/e2e/FAULT-MATRIX.md): answers the
 * emulator's fault rules cannot give (sizes, DNS, TLS, stalls), from test/support/hostile-server.ts. Each
 * row records what the report said, how many requests were made, and how large the answer and the
 * longest log line were.
 */
import type { Answer } from '../../dev';
import { reportOf, sqsRecord } from './e2e';
import { SAMPLE_GROUP } from './events';
import { type HostileAnswer, type HostileRequest, type HostileServerOptions, hugeInvalidPage, validPage } from './hostile-server';

export interface HostileObserved {
  outcome: string;
  classification: 'synced' | 'failed' | 'failedGroup' | 'ok (listed)' | 'rejected';
  status: number | string;
  retryable: boolean | '-';
  /** Requests the server received. */
  requests: number;
  thrown: boolean;
  answerBytes: number;
  longestLine: number;
  note: string;
}

export interface HostileCase {
  fault: string;
  /** sync: a resync of one bus; list: the platform's asynchronous group change (event). */
  on: 'sync' | 'list';
  server: HostileServerOptions;
  endpoint?: string;
  env?: Record<string, string>;
  remainingMs?: number;
  event: (platform: string) => unknown;
  expected: Partial<HostileObserved>;
}

export interface HostileRow {
  fault: string;
  platform: string;
  observed: HostileObserved;
}

const trace = { service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'manageDevicesInGroup', resource_id: SAMPLE_GROUP };
/** A group change on the platform's asynchronous trigger: a retryable failure makes the handler throw. */
const groupChange = (platform: string) =>
  platform === 'functiongraph' ? { cts: trace } : { id: 'eb-1', source: 'softbus-sync', 'detail-type': 'cts', detail: trace };
const list = (answer: (req: HostileRequest) => HostileAnswer): HostileServerOptions => ({
  answer: (req) => (req.route === 'list' ? answer(req) : undefined),
});
const sync = (answer: HostileAnswer): HostileServerOptions => ({ answer: (req) => (req.route === 'sync' ? answer : undefined) });
const notRetried = { retryable: false, thrown: false } as const;

export const HOSTILE_CASES: HostileCase[] = [
  {
    fault: 'list: full pages of 20 KB invalid bus IDs, fresh marker, count 1e9',
    on: 'list',
    server: list((req) => hugeInvalidPage(req.count, req.query.group_id)),
    event: groupChange,
    expected: { classification: 'failedGroup', status: 'no valid bus', requests: 3, ...notRetried },
  },
  {
    fault: 'list: full page with count 0 and a marker (3 pages)',
    on: 'list',
    server: list((req) =>
      validPage(`e${req.count}`, { count: 0, marker: req.count < 2 ? `m${req.count}` : undefined, size: req.count < 2 ? 50 : 7 }),
    ),
    event: groupChange,
    expected: { outcome: 'ok', classification: 'ok (listed)', requests: 110 },
  },
  {
    fault: 'list: answer over 1 MB',
    on: 'list',
    server: list(() => ({ body: { harmony_soft_buses: [{ bus_id: 'z'.repeat(1_100_000) }] } })),
    event: groupChange,
    expected: { classification: 'failedGroup', status: 'body over limit', retryable: true, requests: 3, thrown: true },
  },
  {
    fault: 'list: 400 with a 200 KB error_code and error_msg',
    on: 'list',
    server: list(() => ({ status: 400, body: { error_code: 'E'.repeat(200_000), error_msg: 'm'.repeat(200_000) } })),
    event: groupChange,
    expected: { classification: 'failedGroup', status: 400, requests: 1, ...notRetried },
  },
  {
    fault: 'sync: 400 with a 400 KB body (200 KB error_code and error_msg)',
    on: 'sync',
    server: sync({ status: 400, body: { error_code: 'E'.repeat(200_000), error_msg: 'm'.repeat(200_000) } }),
    event: () => undefined,
    expected: { classification: 'failed', status: 400, requests: 1, ...notRetried },
  },
  {
    fault: 'sync: answer stalls mid-body (timeout 300 ms)',
    on: 'sync',
    server: sync({ status: 200, body: 'x'.repeat(100), stallAfterBytes: 10 }),
    event: () => undefined,
    expected: { classification: 'failed', status: 'timeout', retryable: true, requests: 3 },
  },
  {
    fault: 'DNS: the endpoint host does not resolve (ENOTFOUND)',
    on: 'list',
    server: {},
    endpoint: 'https://iotda.softbus-sync-test.invalid',
    event: groupChange,
    expected: { classification: 'failedGroup', status: 'ENOTFOUND', requests: 0, ...notRetried },
  },
  {
    fault: 'TLS: self-signed certificate',
    on: 'list',
    server: { tls: 'self-signed' },
    event: groupChange,
    expected: { classification: 'failedGroup', status: 'DEPTH_ZERO_SELF_SIGNED_CERT', requests: 0, ...notRetried },
  },
  {
    fault: 'TLS: certificate of an unknown CA',
    on: 'list',
    server: { tls: 'unknown-ca' },
    event: groupChange,
    expected: { classification: 'failedGroup', status: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', requests: 0, ...notRetried },
  },
  {
    fault: 'event: 200 records x 1,000 invalid IDs (1 MB batch)',
    on: 'list',
    server: {},
    event: (platform) => {
      const body = { kind: 'resync', busIds: Array.from({ length: 1000 }, (_, i) => `not-a-bus-${i}`) };
      return platform === 'functiongraph'
        ? { events: Array.from({ length: 200 }, (_, i) => ({ id: `e${i}`, specversion: '1.0', source: 's', type: 't', data: body })) }
        : { Records: Array.from({ length: 200 }, (_, i) => sqsRecord(`m${i}`, body)) };
    },
    expected: { classification: 'rejected', requests: 0, thrown: false },
  },
];

/** What an invocation reported, how much it wrote, and what the server saw. */
export function observeHostile(answer: Answer, lines: readonly string[], calls: readonly HostileRequest[]): HostileObserved {
  const report = reportOf(answer);
  const value = answer.error ? answer.error.report : answer.value;
  const failure = report?.failed[0] ?? report?.failedGroups[0];
  const base = {
    requests: calls.length,
    thrown: answer.error !== undefined,
    answerBytes: Buffer.byteLength(JSON.stringify(value ?? null)),
    longestLine: Math.max(0, ...lines.map((line) => Buffer.byteLength(line))),
  };
  if (!report)
    return {
      ...base,
      outcome: 'rejected',
      classification: 'rejected',
      status: '-',
      retryable: '-',
      note: 'batchItemFailures: every record',
    };
  // The server's port changes at every run: the generated table says <port>.
  const cut = (label: string, value: string, max: number) => (value.length > max ? `${label} of ${value.length} characters` : value);
  const text = failure
    ? [failure.errorCode && cut('errorCode', failure.errorCode, 30), cut('message', failure.message, 110)].filter(Boolean).join('; ')
    : (report.warnings?.[0]?.message ?? report.error?.message ?? '');
  const note = text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>').slice(0, 140);
  const classification =
    report.outcome === 'rejected' ? 'rejected' : report.failed[0] ? 'failed' : report.failedGroups[0] ? 'failedGroup' : 'ok (listed)';
  return {
    ...base,
    outcome: report.outcome,
    classification,
    status: failure ? statusOf(failure) : '-',
    retryable: failure ? failure.retryable : '-',
    note,
  };
}

function statusOf(f: { status?: number; message: string }): number | string {
  if (/over \d+ bytes/.test(f.message)) return 'body over limit';
  if (f.status !== undefined) return f.status;
  const code = /\((ENOTFOUND|[A-Z_]+CERT[A-Z_]*|UNABLE_TO_[A-Z_]+)\)/.exec(f.message)?.[1];
  if (code) return code;
  if (/no answer from \S+ within/.test(f.message)) return 'timeout';
  if (/pages in a row held no valid/.test(f.message)) return 'no valid bus';
  return 'network';
}

/** Bytes as whole KB, rounded up (the exact count varies with the duration's digits). */
const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/** The Markdown section of FAULT-MATRIX.md for these rows. */
export function hostileTable(rows: readonly HostileRow[]): string[] {
  const cell = (o: HostileObserved) =>
    [
      o.outcome,
      o.classification,
      String(o.status),
      String(o.retryable),
      String(o.requests),
      o.thrown ? 'yes' : 'no',
      kb(o.answerBytes),
      kb(o.longestLine),
      o.note.replace(/\|/g, '\\|'),
    ].join(' | ');
  return [
    '## Hostile answers and failures the emulator cannot give',
    '',
    'A local server (`test/support/hostile-server.ts`) that accepts any signature and answers what IoTDA never would; the',
    'group change arrives on the asynchronous trigger (FunctionGraph CTS, Lambda EventBridge), so a retryable failure',
    'throws for a platform retry. "requests" counts what the server received; "answer" is the size of the handler\'s',
    'answer (report cap 256 KB), "longest line" the longest log line (cap 16 KB), both rounded up to whole KB.',
    '',
    '| fault | platform | outcome | classification | status | retryable | requests | threw | answer | longest line | note |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.fault} | ${r.platform} | ${cell(r.observed)} |`),
    '',
  ];
}
