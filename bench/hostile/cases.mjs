// The attacks of issue 9, one per class of defect, as cases for bench/hostile.mjs. Each case runs a real
// bundle in a fresh process against test/support/hostile-server.ts and measures the figures the issue
// quotes: report size, log bytes and longest line, peak RSS growth, lateness, requests made, leaks.

const GROUP = 'a9866526-a8a1-9971-8c46-5fabfc2797f0';
const BUS = 'a9f834fe02829321dbbda1e816a0b55d';

/** 200 CloudEvents, each a resync request of 1,000 invalid bus IDs (about 1 MB). */
function amplifiedBatch() {
  const busIds = Array.from({ length: 1000 }, (_, i) => `not-a-bus-${i}`);
  return {
    events: Array.from({ length: 200 }, (_, i) => ({
      id: `e${i}`,
      specversion: '1.0',
      source: 'x',
      type: 't',
      data: { kind: 'resync', busIds },
    })),
  };
}

/** The Lambda secrets extension on the hostile server's port. */
const secretsEnv = (port) => ({
  HUAWEICLOUD_CREDENTIALS: 'secrets-extension',
  HUAWEICLOUD_SDK_SECRET_ID: 'softbus-sync/huawei',
  AWS_SESSION_TOKEN: 'bench-session-token',
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
});

export const CASES = [
  {
    name: 'class 1: full pages of 20 KB invalid bus IDs, fresh marker, huge count (8.5 s of work)',
    cls: 1,
    platform: 'functiongraph',
    remainingMs: 10_000,
    event: { kind: 'resync', groupIds: [GROUP] },
    answer: (req, hs) => (req.route === 'list' ? hs.hugeInvalidPage(req.count, req.query.group_id) : undefined),
  },
  {
    name: 'class 1: a 200 KB error_code (and error_msg) on a list answer',
    cls: 1,
    platform: 'functiongraph',
    remainingMs: 10_000,
    event: { kind: 'resync', groupIds: [GROUP] },
    answer: (req) =>
      req.route === 'list' ? { status: 400, body: { error_code: 'E'.repeat(200_000), error_msg: 'm'.repeat(200_000) } } : undefined,
  },
  {
    name: 'class 2: EventGrid batch of 200 records x 1,000 invalid IDs (1 MB)',
    cls: 2,
    platform: 'functiongraph',
    remainingMs: 10_000,
    event: amplifiedBatch(),
  },
  {
    name: 'class 3: secrets extension never answers, 1 s left (Lambda)',
    cls: 3,
    platform: 'lambda',
    remainingMs: 1_000,
    secrets: true,
    event: { kind: 'resync', busIds: [BUS] },
    answer: (req) => (req.route === 'secrets' ? { delayMs: 60_000 } : undefined),
  },
  {
    name: 'class 3: secrets answer stalls mid-body, 1 s left (Lambda)',
    cls: 3,
    platform: 'lambda',
    remainingMs: 1_000,
    secrets: true,
    event: { kind: 'resync', busIds: [BUS] },
    answer: (req) =>
      req.route === 'secrets' ? { status: 200, body: { SecretString: '{"HUAWEICLOUD_SDK_AK":"x"}' }, stallAfterBytes: 10 } : undefined,
  },
  {
    name: 'class 3: SYNC_DEADLINE_RESERVE_MS=0, syncs answer after 400 ms, 1.5 s left',
    cls: 3,
    platform: 'functiongraph',
    remainingMs: 1_500,
    env: { SYNC_DEADLINE_RESERVE_MS: '0', SYNC_CONCURRENCY: '4' },
    event: { kind: 'resync', busIds: Array.from({ length: 40 }, (_, i) => `b${String(i).padStart(3, '0')}`) },
    answer: (req) => (req.route === 'sync' ? { delayMs: 400 } : undefined),
  },
  {
    name: 'class 3: SYNC_DEADLINE_RESERVE_MS=250 (the floor), syncs answer after 400 ms, 1.5 s left',
    cls: 3,
    platform: 'functiongraph',
    remainingMs: 1_500,
    env: { SYNC_DEADLINE_RESERVE_MS: '250', SYNC_CONCURRENCY: '4' },
    event: { kind: 'resync', busIds: Array.from({ length: 40 }, (_, i) => `b${String(i).padStart(3, '0')}`) },
    answer: (req) => (req.route === 'sync' ? { delayMs: 400 } : undefined),
  },
  {
    name: 'class 4: a listed bus ID that is the security token (invalid), token = AK + tail',
    cls: 4,
    platform: 'functiongraph',
    remainingMs: 10_000,
    tokenExtendsAk: true,
    event: { kind: 'resync', groupIds: [GROUP] },
    answer: (req, _hs, keys) =>
      req.route === 'list'
        ? { body: { harmony_soft_buses: [{ bus_id: keys.securityToken, group_id: GROUP }], page: { count: 1 } } }
        : undefined,
  },
  {
    name: "class 4: the context's key getter throws an error carrying the AK",
    cls: 4,
    platform: 'functiongraph',
    remainingMs: 10_000,
    throwingGetter: true,
    event: { kind: 'resync', busIds: [BUS] },
  },
  {
    name: 'class 5: group ID in upper case, the answer carries the lower-case group_id',
    cls: 5,
    platform: 'functiongraph',
    remainingMs: 10_000,
    event: { kind: 'resync', groupIds: [GROUP.toUpperCase()] },
    answer: (req, hs) => (req.route === 'list' ? hs.validPage('ab', { groupId: GROUP, count: 3, size: 3 }) : undefined),
  },
  {
    name: 'class 5: a group listing whose answer has no group_id',
    cls: 5,
    platform: 'functiongraph',
    remainingMs: 10_000,
    event: { kind: 'resync', groupIds: [GROUP] },
    answer: (req, hs) => (req.route === 'list' ? hs.validPage('ab', { count: 3, size: 3 }) : undefined),
  },
  {
    name: 'class 6: CTS trace with "resource_id": {} and request.group_id',
    cls: 6,
    platform: 'functiongraph',
    remainingMs: 10_000,
    event: {
      cts: {
        service_type: 'IoTDA',
        resource_type: 'device-group',
        trace_name: 'manageDevicesInGroup',
        resource_id: {},
        trace_id: 't1',
        request: { group_id: GROUP },
      },
    },
    answer: (req, hs) => (req.route === 'list' ? hs.validPage('cd', { groupId: GROUP, count: 2, size: 2 }) : undefined),
  },
  {
    name: 'class 7: IOTDA_ENDPOINT host does not resolve (ENOTFOUND), CTS event',
    cls: 7,
    platform: 'functiongraph',
    remainingMs: 10_000,
    endpoint: 'https://iotda.softbus-sync-test.invalid',
    event: { cts: { service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'manageDevicesInGroup', resource_id: GROUP } },
  },
  {
    name: 'class 7: self-signed TLS certificate, CTS event',
    cls: 7,
    platform: 'functiongraph',
    remainingMs: 10_000,
    tls: 'self-signed',
    event: { cts: { service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'manageDevicesInGroup', resource_id: GROUP } },
  },
  {
    name: 'class 7: full first page with count 0 and a marker (3 pages exist)',
    cls: 7,
    platform: 'functiongraph',
    remainingMs: 10_000,
    event: { kind: 'resync', groupIds: [GROUP] },
    answer: (req, hs) =>
      req.route === 'list'
        ? hs.validPage(`e${req.count}`, {
            groupId: GROUP,
            count: 0,
            marker: req.count < 2 ? `m${req.count}` : undefined,
            size: req.count < 2 ? 50 : 7,
          })
        : undefined,
  },
];

export { secretsEnv };
