import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/events';
import type { RecordResult } from '../../src/events/common';
import { parseChangesRequest } from '../../src/events/payloads/changes';
import { SAMPLE_BUS, SAMPLE_GROUP, SAMPLE_GROUP_2, sampleEvent } from '../support/events';

const work = (records: RecordResult[]) => records.flatMap((r) => (r.kind === 'work' ? [r.item] : []));
const issuesOf = (records: RecordResult[]) => records.flatMap((r) => (r.kind === 'rejected' ? r.issues : []));

describe('FunctionGraph CTS trigger', () => {
  it('resyncs the group of a manageDevicesInGroup trace (request as a JSON string)', () => {
    // Prepare
    const event = sampleEvent('functiongraph-cts-manage-devices');
    // Act
    const parsed = parseEvent(event);
    // Assess
    expect(parsed.trigger).toBe('cts');
    expect(work(parsed.records)).toEqual([
      { ref: '69be64a7-0233-11e8-82e4-e5d37911193e', busIds: [], groups: [{ groupId: SAMPLE_GROUP, selection: 'all' }], dryRun: false },
    ]);
  });

  it.each(['updateDeviceGroup', 'addDeviceGroup'])('resyncs on %s', (traceName) => {
    const event = { cts: { service_type: 'IoTDA', resource_type: 'device-group', trace_name: traceName, resource_id: SAMPLE_GROUP } };
    expect(work(parseEvent(event).records)[0]?.groups).toEqual([{ groupId: SAMPLE_GROUP, selection: 'all' }]);
  });

  it.each([
    ['deleteDeviceGroup', 'IoTDA', 'device-group', 200],
    ['deleteGraph', 'FunctionGraph', 'graph', 204],
    ['addDevice', 'IoTDA', 'device', 201],
    ['manageDevicesInGroup', 'IoTDA', 'device-group', 400],
  ])('ignores %s on %s/%s (code %s) with a reason', (trace_name, service_type, resource_type, code) => {
    // Prepare
    const event = { cts: { service_type, resource_type, trace_name, resource_id: SAMPLE_GROUP, code } };
    // Act
    const [record] = parseEvent(event).records;
    // Assess
    expect(record?.kind).toBe('ignored');
    expect(record?.kind === 'ignored' && record.reason.length).toBeGreaterThan(10);
  });

  it('falls back to request.group_id (object or JSON string) when resource_id is missing', () => {
    const asObject = {
      cts: {
        service_type: 'IoTDA',
        resource_type: 'device-group',
        trace_name: 'manageDevicesInGroup',
        request: { group_id: SAMPLE_GROUP },
      },
    };
    const asString = { cts: { ...asObject.cts, request: JSON.stringify({ group_id: SAMPLE_GROUP }) } };
    expect(work(parseEvent(asObject).records)[0]?.groups[0]?.groupId).toBe(SAMPLE_GROUP);
    expect(work(parseEvent(asString).records)[0]?.groups[0]?.groupId).toBe(SAMPLE_GROUP);
  });

  it('ignores a resource_id that is not a string (the trigger template shows {}): request.group_id decides', () => {
    // Prepare
    const trace = { service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'manageDevicesInGroup', trace_id: 't1' };
    // Act
    const withFallback = parseEvent({ cts: { ...trace, resource_id: {}, request: { group_id: SAMPLE_GROUP.toUpperCase() } } });
    const without = parseEvent({ cts: { ...trace, resource_id: { id: SAMPLE_GROUP } } });
    // Assess
    expect(work(withFallback.records)[0]?.groups).toEqual([{ groupId: SAMPLE_GROUP, selection: 'all' }]);
    expect(issuesOf(without.records).map((i) => i.path)).toEqual(['cts.resource_id']);
  });

  it('rejects a group change whose group ID is not usable, naming the path', () => {
    const event = {
      cts: { service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'updateDeviceGroup', resource_id: '../../admin' },
    };
    const parsed = parseEvent(event);
    expect(parsed.records[0]?.kind).toBe('rejected');
    expect(issuesOf(parsed.records)[0]?.path).toBe('cts.resource_id');
  });

  it('rejects a trace without trace_name, naming the missing field', () => {
    const parsed = parseEvent({ cts: { service_type: 'IoTDA', resource_type: 'device-group' } });
    expect(issuesOf(parsed.records).map((i) => i.path)).toContain('cts.trace_name');
  });
});

describe('EventGrid CloudEvents', () => {
  it('reads a batch: a CTS trace as data and a resync request as data', () => {
    const parsed = parseEvent(sampleEvent('eventgrid-cloudevents-batch'));
    expect(parsed.trigger).toBe('cloudevents');
    const items = work(parsed.records);
    expect(items.map((i) => i.ref)).toEqual(['4b26115b-778e-11ec-833e-cf74a1b2c3d4', 'provisioning-2026-11-28-0001']);
    expect(items[0]?.groups).toEqual([{ groupId: SAMPLE_GROUP_2, selection: 'all' }]);
    expect(items[1]?.busIds).toEqual([SAMPLE_BUS]);
  });

  it('reads a single CloudEvent with data as JSON text or wrapped as {"cts":…}', () => {
    const trace = { service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'updateDeviceGroup', resource_id: SAMPLE_GROUP };
    const base = { id: 'e1', specversion: '1.0', source: 'HC.IoTDA', type: 'IoTDA:CloudTrace:ApiCall' };
    expect(work(parseEvent({ ...base, data: JSON.stringify(trace) }).records)).toHaveLength(1);
    expect(work(parseEvent({ ...base, data: { cts: trace } }).records)).toHaveLength(1);
  });

  it('rejects only the malformed event of a batch, with its index in the path', () => {
    const good = { id: 'ok', specversion: '1.0', source: 's', type: 't', data: { kind: 'resync', busIds: [SAMPLE_BUS] } };
    const parsed = parseEvent({
      events: [good, { id: 'bad', specversion: '0.3', source: 's', type: 't' }, { ...good, id: 'x', data: 42 }],
    });
    expect(work(parsed.records)).toHaveLength(1);
    expect(issuesOf(parsed.records).map((i) => i.path)).toEqual(['events.1.specversion', 'events.2.data']);
  });

  it('rejects an empty batch', () => {
    expect(parseEvent({ events: [] }).records[0]?.kind).toBe('rejected');
  });
});

describe('FunctionGraph timer', () => {
  it('reconciles pending buses of the whole project by default (plain-text user_event)', () => {
    const parsed = parseEvent({ trigger_type: 'TIMER', trigger_name: 't', user_event: 'timer triggered event' });
    expect(parsed.trigger).toBe('timer');
    expect(work(parsed.records)).toEqual([{ ref: 'timer:t', busIds: [], groups: [], everything: 'pending', dryRun: false }]);
  });

  it('takes the reference sample (JSON of other keys in user_event) as a default reconcile', () => {
    // The sample of triggers.md, as the platform documents it.
    const event = {
      version: 'v1.0',
      time: '2023-06-01T08:30:00+08:00',
      trigger_type: 'TIMER',
      trigger_name: 'Timer_001',
      user_event: '{"message": "timer triggered event", "topic":"test"}',
    };
    expect(work(parseEvent(event).records)).toEqual([
      { ref: 'timer:Timer_001', busIds: [], groups: [], everything: 'pending', dryRun: false },
    ]);
  });

  it('reads JSON options: scope and groups', () => {
    const parsed = parseEvent({ trigger_type: 'TIMER', user_event: JSON.stringify({ scope: 'all', groupIds: [SAMPLE_GROUP] }) });
    expect(work(parsed.records)[0]).toMatchObject({ groups: [{ groupId: SAMPLE_GROUP, selection: 'all' }], everything: undefined });
  });

  it('reads the sample timer event', () => {
    expect(work(parseEvent(sampleEvent('functiongraph-timer')).records)[0]?.everything).toBe('pending');
  });

  it('rejects JSON options that are wrong rather than guessing', () => {
    const parsed = parseEvent({ trigger_type: 'TIMER', user_event: JSON.stringify({ scope: 'everything' }) });
    expect(issuesOf(parsed.records)[0]?.path).toBe('user_event.scope');
  });

  it('rejects another FunctionGraph trigger type', () => {
    expect(parseEvent({ trigger_type: 'APIG' }).records[0]?.kind).toBe('rejected');
  });
});

describe('resync and reconcile requests', () => {
  it('reads a resync of buses and groups', () => {
    const parsed = parseEvent(sampleEvent('manual-resync'));
    expect(parsed.trigger).toBe('manual');
    expect(work(parsed.records)[0]).toMatchObject({
      busIds: [SAMPLE_BUS],
      groups: [{ groupId: SAMPLE_GROUP, selection: 'all' }],
      dryRun: false,
    });
  });

  it('reads "all" and dryRun', () => {
    expect(work(parseEvent({ kind: 'resync', all: true, dryRun: true }).records)[0]).toMatchObject({ everything: 'all', dryRun: true });
  });

  it('collapses duplicate IDs', () => {
    expect(work(parseEvent({ kind: 'resync', busIds: [SAMPLE_BUS, SAMPLE_BUS] }).records)[0]?.busIds).toEqual([SAMPLE_BUS]);
  });

  it('keeps IDs in lower case: hex IDs given in upper case are the same IDs', () => {
    const item = work(
      parseEvent({ kind: 'resync', busIds: [SAMPLE_BUS.toUpperCase(), SAMPLE_BUS], groupIds: [SAMPLE_GROUP.toUpperCase()] }).records,
    )[0];
    expect(item?.busIds).toEqual([SAMPLE_BUS]);
    expect(item?.groups).toEqual([{ groupId: SAMPLE_GROUP, selection: 'all' }]);
  });

  it('keeps the first few issues of a record and counts the rest (1,000 bad IDs are not 1,000 issues)', () => {
    const issues = issuesOf(parseEvent({ kind: 'resync', busIds: Array.from({ length: 1000 }, (_, i) => `not-${i}`) }).records);
    expect(issues.map((i) => i.path)).toEqual(['busIds.0', 'busIds.1', 'busIds.2', 'busIds.3', 'busIds.4', 'busIds']);
    expect(issues[5]?.message).toBe('and 995 more invalid IDs');
  });

  it('checks the length of a list before its items: a huge list is one issue', () => {
    const issues = issuesOf(parseEvent({ kind: 'resync', busIds: Array.from({ length: 200_000 }, () => 7) }).records);
    expect(issues).toEqual([{ path: 'busIds', message: 'at most 1000 IDs' }]);
  });

  it('caps the IDs one invocation accepts across a batch: the records beyond are rejected, in order', () => {
    // Prepare: 12 SQS messages of 1,000 group IDs each (12,000 > 10,000)
    const groupIds = Array.from({ length: 1000 }, (_, i) => i.toString(16).padStart(8, '0'));
    const Records = Array.from({ length: 12 }, (_, i) => ({ messageId: `m${i}`, body: JSON.stringify({ kind: 'resync', groupIds }) }));
    // Act
    const parsed = parseEvent({ Records });
    // Assess
    expect(work(parsed.records).map((w) => w.ref)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    const rejected = parsed.records.filter((r) => r.kind === 'rejected');
    expect(rejected.map((r) => r.ref)).toEqual(['m10', 'm11']);
    expect(issuesOf(rejected)[0]?.message).toMatch(/more than 10000 bus and group IDs in all/);
  });

  it('rejects the records of a batch beyond 10,000 unread, each with its ref', () => {
    const events = Array.from({ length: 10_002 }, (_, i) => ({
      id: `e${i}`,
      specversion: '1.0',
      source: 's',
      type: 't',
      data: { kind: 'resync', all: true },
    }));
    const parsed = parseEvent({ events });
    expect(work(parsed.records)).toHaveLength(10_000);
    expect(parsed.records.slice(10_000).map((r) => r.kind === 'rejected' && r.ref)).toEqual(['e10000', 'e10001']);
  });

  it.each([
    [{ kind: 'resync' }, ''],
    [{ kind: 'resync', busIds: [] }, ''],
    [{ kind: 'resync', busIds: ['not/a/bus'] }, 'busIds.0'],
    [{ kind: 'resync', busIds: ['a'.repeat(37)] }, 'busIds.0'],
    [{ kind: 'resync', groupIds: [7] }, 'groupIds.0'],
    [{ kind: 'resync', busIDs: [SAMPLE_BUS] }, ''],
    [{ kind: 'resync', all: 'yes' }, 'all'],
    [{ kind: 'resync', busIds: Array.from({ length: 1001 }, () => SAMPLE_BUS) }, 'busIds'],
    [{ kind: 'sync-everything' }, 'kind'],
  ])('rejects %j at path "%s"', (event, path) => {
    const parsed = parseEvent(event);
    expect(parsed.records[0]?.kind).toBe('rejected');
    expect(issuesOf(parsed.records).map((i) => i.path)).toContain(path);
  });
});

describe('changes requests and verify', () => {
  const NOW = Date.parse('2026-11-28T12:00:00Z');

  it('reads a changes request: the feed from `since`, dry run and verify', () => {
    const result = parseChangesRequest(
      { kind: 'changes', since: '2026-11-28T10:00:00Z', dryRun: true, verify: true },
      { ref: 'manual', path: '' },
      NOW,
    );
    expect(result).toEqual({
      kind: 'work',
      item: { ref: 'manual', busIds: [], groups: [], dryRun: true, verify: true, changes: { since: Date.parse('2026-11-28T10:00:00Z') } },
    });
  });

  it('takes the configured look-back when `since` is left out', () => {
    expect(work(parseEvent({ kind: 'changes' }).records)[0]).toMatchObject({ changes: { since: undefined }, dryRun: false });
  });

  it.each([
    [{ kind: 'changes', since: '2026-11-20T11:59:59Z' }, 'since', 'must be at most 7 days back (CTS keeps traces seven days)'],
    [{ kind: 'changes', since: '2026-11-28T12:00:01Z' }, 'since', 'must be in the past'],
    [{ kind: 'changes', since: 'yesterday' }, 'since', 'must be an ISO 8601 date and time, e.g. 2026-11-28T10:00:00Z'],
    [{ kind: 'changes', sinse: '2026-11-28T10:00:00Z' }, '', undefined],
  ])('rejects %j at path "%s"', (event, path, message) => {
    const result = parseChangesRequest(event, { ref: 'manual', path: '' }, NOW);
    expect(result.kind).toBe('rejected');
    const issues = result.kind === 'rejected' ? result.issues : [];
    expect(issues.map((i) => i.path)).toContain(path);
    if (message) expect(issues.find((i) => i.path === path)?.message).toBe(message);
  });

  it('reads verify on resync and reconcile requests, and in the timer options', () => {
    expect(work(parseEvent({ kind: 'resync', busIds: [SAMPLE_BUS], verify: true }).records)[0]?.verify).toBe(true);
    expect(work(parseEvent({ kind: 'reconcile', verify: true }).records)[0]?.verify).toBe(true);
    const timer = { trigger_type: 'TIMER', user_event: '{"verify": true}' };
    expect(work(parseEvent(timer).records)[0]).toMatchObject({ everything: 'pending', verify: true });
  });

  it('reads a CTS trace whose resource_id is an object (the CTS-trigger template) through request.group_id', () => {
    const trace = {
      service_type: 'IoTDA',
      resource_type: 'device-group',
      trace_name: 'addDeviceGroup',
      resource_id: {},
      request: { group_id: SAMPLE_GROUP },
    };
    expect(work(parseEvent({ cts: trace }).records)[0]?.groups).toEqual([{ groupId: SAMPLE_GROUP, selection: 'all' }]);
  });
});

describe('AWS events', () => {
  it('reads an SQS batch, one record per message, keyed by messageId', () => {
    const parsed = parseEvent(sampleEvent('lambda-sqs-batch'));
    expect(parsed.trigger).toBe('sqs');
    expect(work(parsed.records).map((i) => i.ref)).toEqual([
      '059f36b4-87a3-44ab-83d2-661975830a7d',
      '2e1424d4-f796-459a-8184-9c92662be6da',
    ]);
  });

  it('rejects an SQS record whose body is not JSON, keeping its messageId', () => {
    const parsed = parseEvent({ Records: [{ messageId: 'm1', body: 'hello', eventSource: 'aws:sqs' }] });
    expect(parsed.records).toEqual([{ kind: 'rejected', ref: 'm1', issues: [{ path: 'Records.0.body', message: 'body is not JSON' }] }]);
  });

  it('reads the valid records of an SQS batch that holds a malformed one, rejecting that one by its messageId', () => {
    // Prepare: m2 has no body, the third record no messageId (which no real queue sends, but a hand-made event can).
    const good = { messageId: 'm1', body: JSON.stringify({ kind: 'resync', busIds: [SAMPLE_BUS] }) };
    const event = { Records: [good, { messageId: 'm2', body: 42 }, { body: '{}' }] };
    // Act
    const parsed = parseEvent(event);
    // Assess
    expect(parsed.trigger).toBe('sqs');
    expect(work(parsed.records).map((item) => item.ref)).toEqual(['m1']);
    expect(parsed.records.filter((r) => r.kind === 'rejected').map((r) => r.kind === 'rejected' && [r.ref, r.issues[0]?.path])).toEqual([
      ['m2', 'Records.1.body'],
      ['Records.2', 'Records.2.messageId'],
    ]);
  });

  it('reads an EventBridge custom event whose detail is a resync request', () => {
    const parsed = parseEvent(sampleEvent('lambda-eventbridge-resync'));
    expect(parsed.trigger).toBe('eventbridge');
    expect(work(parsed.records)[0]?.groups).toEqual([{ groupId: SAMPLE_GROUP_2, selection: 'all' }]);
  });

  it('reconciles on a scheduled rule', () => {
    const parsed = parseEvent(sampleEvent('lambda-scheduled'));
    expect(parsed.trigger).toBe('schedule');
    expect(work(parsed.records)[0]?.everything).toBe('pending');
  });
});

describe('other input', () => {
  it('ignores IoTDA push messages with a reason', () => {
    const parsed = parseEvent(sampleEvent('iotda-push-device-status'));
    expect(parsed.trigger).toBe('iotda-push');
    expect(parsed.records[0]).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('device.status') });
  });

  it.each([null, 42, 'text', [], { hello: 'world' }])('rejects %j with a message listing the shapes it accepts', (event) => {
    const [record] = parseEvent(event).records;
    expect(record?.kind).toBe('rejected');
    expect(record?.kind === 'rejected' && record.issues[0]?.message).toMatch(/expected one of/);
  });

  it('ignores a push whose resource is not a string, without throwing', () => {
    const event = JSON.parse('{"resource":{"toString":1},"event":"update","notify_data":{}}') as unknown;
    expect(parseEvent(event).records[0]).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('unknown resource') });
  });

  it('accepts an event delivered as JSON text', () => {
    expect(parseEvent(JSON.stringify({ kind: 'resync', busIds: [SAMPLE_BUS] })).trigger).toBe('manual');
  });
});

describe("the samples of the platforms' own documentation (docs/events.md)", () => {
  it('ignores the documented CTS sample (a FunctionGraph deleteGraph trace)', () => {
    const event = {
      cts: {
        time: 1529974447000,
        user: { name: 'userName', id: '5b726c4f', domain: { name: 'domainName', id: 'b2b3853a' } },
        request: {},
        response: {},
        code: 204,
        service_type: 'FunctionGraph',
        resource_type: 'graph',
        resource_name: 'workflow-2be1',
        resource_id: 'urn:fgs:region:projectId:graph:workflow-2be1',
        trace_name: 'deleteGraph',
        trace_type: 'ConsoleAction',
        record_time: 1529974447000,
        trace_id: '69be64a7-0233-11e8-82e4-e5d37911193e',
        trace_status: 'normal',
      },
    };
    expect(parseEvent(event).records[0]).toMatchObject({ kind: 'ignored', ref: '69be64a7-0233-11e8-82e4-e5d37911193e' });
  });

  it('rejects the documented EventGrid sample (an OBS event): its data is neither a trace nor a request', () => {
    const event = {
      events: [
        {
          id: '4b26115b-778e-11ec-833e-cf74******',
          specversion: '1.0',
          source: 'HC.OBS',
          type: 'object:put',
          datacontenttype: 'application/json',
          subject: 'xxx.jpg',
          time: '2022-01-17T12:07:48.955Z',
          data: { name: 'test01', state: 'enable' },
        },
      ],
    };
    expect(issuesOf(parseEvent(event).records).map((i) => i.path)).toEqual(['events.0.data']);
  });

  it('ignores the documented IoTDA push sample', () => {
    const event = {
      resource: 'device.status',
      event: 'update',
      event_time: '20151212T121212Z',
      request_id: '3fe58d5e-8697-4849-a165-7db128f7e776',
      notify_data: { header: { device_id: 'd' }, body: { status: 'ONLINE' } },
    };
    expect(parseEvent(event).records[0]?.kind).toBe('ignored');
  });

  it('reconciles on the documented AWS scheduled event', () => {
    const event = {
      version: '0',
      id: 'cdc73f9d-aea9-11e3-9d5a-835b769c0d9c',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '1970-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/my-schedule'],
      detail: {},
    };
    expect(work(parseEvent(event).records)[0]?.everything).toBe('pending');
  });
});
