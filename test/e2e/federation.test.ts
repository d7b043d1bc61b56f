/**
 * Keyless on AWS, end to end through the built Lambda bundle: HUAWEICLOUD_CREDENTIALS=aws-federation,
 * no AK/SK configured anywhere (the emulator knows no permanent key), the role's JWT from the STS
 * stand-in traded at the emulator's IAM for temporary keys that IoTDA then accepts. The harness scans
 * every log line, answer and error for the demo keys and for every JWT, token and key minted here.
 */
import { describe, expect, it } from 'vitest';
import { batchItemFailures, busesOf, mustReport, sqsRecord, useE2E } from '../support/e2e';
import { SAMPLE_BUS, SAMPLE_GROUP, SAMPLE_GROUP_2 } from '../support/events';
import { iotdaCalls, keylessLambda } from '../support/federation';
import { feedOn, GROUP, minutesAgo, tickOf } from '../support/feed';

const e2e = useE2E();

const batch = () => ({
  Records: [sqsRecord('m1', { kind: 'resync', groupIds: [SAMPLE_GROUP_2] }), sqsRecord('m2', { kind: 'resync', busIds: [SAMPLE_BUS] })],
});

describe('a keyless Lambda (aws-federation)', () => {
  it('syncs an SQS batch with federated keys, no AK/SK anywhere', async () => {
    // prepare
    const { sts, em } = await keylessLambda(e2e);
    expect(process.env.HUAWEICLOUD_SDK_AK).toBeUndefined();
    // act
    const answer = await e2e.invoke('lambda', batch(), { noKeys: true });
    // assess: every bus synced, signed with a minted key and its security token
    expect(batchItemFailures(answer)).toEqual([]);
    const syncs = em.calls.filter((c) => c.route === 'sync');
    expect(new Set(syncs.map((c) => c.busId))).toEqual(new Set([...busesOf(em, { groupId: SAMPLE_GROUP_2 }), SAMPLE_BUS]));
    expect(syncs.every((c) => c.status === 200 && c.headerNames.includes('x-security-token'))).toBe(true);
    expect(sts.calls).toHaveLength(1);
    expect(em.iam?.issued().credentials).toHaveLength(1);
    const issued = e2e.logEntries().find((e) => e.message === 'federated keys issued');
    expect(issued).toMatchObject({ stsSdk: 'bundled', level: 'info' });
  });

  it('reads the CTS change feed with the same federated keys (scheduled rule)', async () => {
    // prepare
    const { sts, em } = await keylessLambda(e2e);
    feedOn(em);
    em.addTrace({ resource_id: GROUP.kidsRoom, time: minutesAgo(5) });
    // act
    const report = mustReport(await e2e.invoke('lambda', tickOf('lambda'), { noKeys: true }));
    // assess: the trace list was read with the minted key and its security token; the changed group synced
    const traces = em.calls.filter((c) => c.route === 'traces');
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.every((c) => c.status === 200 && c.headerNames.includes('x-security-token'))).toBe(true);
    expect(report.synced).toEqual(expect.arrayContaining(busesOf(em, { groupId: GROUP.kidsRoom })));
    expect(sts.calls).toHaveLength(1);
  });

  it('keeps the keys for the next invocation of the warm instance (no second exchange)', async () => {
    // prepare
    const { sts, em } = await keylessLambda(e2e);
    await e2e.invoke('lambda', batch(), { noKeys: true });
    // act
    const answer = await e2e.invoke('lambda', { kind: 'resync', busIds: [SAMPLE_BUS] }, { noKeys: true });
    // assess
    expect(mustReport(answer)).toMatchObject({ outcome: 'ok', synced: [SAMPLE_BUS] });
    expect(sts.calls).toHaveLength(1);
    expect(em.iam?.issued().credentials).toHaveLength(1);
  });

  it('renews keys that expire mid-run once, and sends the refused requests again', async () => {
    // prepare: the 53-bus group, slow enough that the keys expire while it is being synced
    const { sts, em } = await keylessLambda(e2e, { emulator: { latencyMs: 20 } });
    const group = busesOf(em, { groupId: SAMPLE_GROUP });
    setTimeout(() => em.iam?.expireTemporaryKeys(), 150);
    // act
    const answer = await e2e.invoke(
      'lambda',
      { Records: [sqsRecord('g1', { kind: 'resync', groupIds: [SAMPLE_GROUP] })] },
      { noKeys: true },
    );
    // assess: some requests were refused as expired, all were done with the second keys
    expect(batchItemFailures(answer)).toEqual([]);
    const calls = iotdaCalls(em);
    expect(calls.some((c) => c.status === 401)).toBe(true);
    expect(new Set(calls.filter((c) => c.route === 'sync' && c.status === 200).map((c) => c.busId))).toEqual(new Set(group));
    expect(sts.calls).toHaveLength(2);
    expect(em.iam?.issued().credentials).toHaveLength(2);
  });

  it('renews only once: keys refused again after the renewal fail the work, without a third exchange', async () => {
    // prepare: keys kept from a first invocation; then IoTDA refuses every key for the bus (401, as for expired keys)
    const { sts, em } = await keylessLambda(e2e);
    await e2e.invoke('lambda', { kind: 'resync', busIds: [SAMPLE_BUS] }, { noKeys: true });
    const expired = { error_code: 'IOTDA.000002', error_msg: 'Authentication failed: the temporary access key has expired' };
    em.addFault({ route: 'sync', busId: SAMPLE_BUS, status: 401, body: expired });
    // act
    const answer = await e2e.invoke('lambda', { kind: 'resync', busIds: [SAMPLE_BUS] }, { noKeys: true });
    // assess: the refused sync was sent twice (old keys, renewed keys), one renewal, then the failure
    const report = mustReport(answer);
    expect(report.outcome).toBe('failed');
    expect(report.failed[0]).toMatchObject({ busId: SAMPLE_BUS, status: 401, retryable: false });
    expect(em.calls.filter((c) => c.route === 'sync').map((c) => c.status)).toEqual([200, 401, 401]);
    expect(sts.calls).toHaveLength(2);
    expect(em.iam?.issued().credentials).toHaveLength(2);
  });
});

describe('a keyless Lambda whose exchange fails: the step is named, no IoTDA call is made', () => {
  it('reports the failed step in the report and hands the whole SQS batch back', async () => {
    // prepare: the mapping rule admits another role only
    const { em } = await keylessLambda(e2e, {
      idp: {
        rules: [
          { local: [{ user: { name: 'x' } }], remote: [{ type: 'sub', any_one_of: ['arn:aws:iam::123456789012:role/someone-else'] }] },
        ],
      },
    });
    // act
    const manual = await e2e.invoke('lambda', { kind: 'resync', busIds: [SAMPLE_BUS] }, { noKeys: true });
    const sqs = await e2e.invoke('lambda', batch(), { noKeys: true });
    // assess
    expect(mustReport(manual)).toMatchObject({
      outcome: 'failed',
      error: { credentials: { source: 'aws-federation', step: 'id-token', reason: 'mapping-rejected', status: 401, attempts: 1 } },
    });
    expect(mustReport(manual).error?.message).toMatch(/^aws-federation: id-token step failed \(mapping-rejected\)/);
    expect(batchItemFailures(sqs)).toEqual(['m1', 'm2']);
    const logged = e2e.logEntries().filter((e) => e.message === 'invocation failed');
    expect(logged[0]).toMatchObject({ credentials: { step: 'id-token', reason: 'mapping-rejected' } });
    expect(iotdaCalls(em)).toEqual([]);
  });
});
