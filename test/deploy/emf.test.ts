/**
 * The Lambda summary line as a CloudWatch Embedded Metric Format record: the directive the platform adds
 * (src/metrics/emf.ts) against the specification (schemas/emf.ts), and the built Lambda bundle's own
 * summary line, which must parse as EMF with the report's numbers; FunctionGraph's carries none.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../emulator';
import { EMF_METRICS, embeddedMetrics, metricsNamespace } from '../../src/metrics';
import { SAMPLE_BUS, SAMPLE_GROUP } from '../support/events';
import { captureLogs, DEMO_KEYS_ENV, emulator, functionGraphContext, lambdaContext, loadBundle, stubFunctionEnv } from '../support/harness';
import { emfProblems } from './schemas/emf';

const SUMMARY = {
  service: 'softbus-sync',
  outcome: 'partial',
  synced: 3,
  failed: 1,
  deferred: 0,
  notFound: 2,
  throttled: 4,
  failedRefs: 1,
  durationMs: 812,
};

describe('the EMF directive of the summary line', () => {
  it('is what Powertools Metrics emits: _aws.Timestamp, one directive, dimension set [service], the values at the root', () => {
    // act
    const now = Date.now();
    const line = JSON.stringify({ message: 'invocation summary', ...SUMMARY, ...embeddedMetrics({})(SUMMARY, now) });
    // assess
    expect(emfProblems(line, now)).toEqual([]);
    expect(JSON.parse(line)._aws).toEqual({
      Timestamp: now,
      CloudWatchMetrics: [{ Namespace: 'SoftbusSync', Dimensions: [['service']], Metrics: EMF_METRICS }],
    });
    expect(EMF_METRICS.map((m) => m.Name)).toEqual(['synced', 'failed', 'deferred', 'notFound', 'throttled', 'failedRefs', 'durationMs']);
  });

  it('names only metrics present on the line (a directive naming a missing member is invalid)', () => {
    const { synced, service } = SUMMARY;
    const extras = embeddedMetrics({})({ service, synced }, Date.now()) as { _aws: { CloudWatchMetrics: Array<{ Metrics: unknown[] }> } };
    expect(extras._aws.CloudWatchMetrics[0]?.Metrics).toEqual([{ Name: 'synced', Unit: 'Count' }]);
  });

  it('takes its namespace from SYNC_METRICS_NAMESPACE; an invalid one falls back to SoftbusSync and says why on the line', () => {
    expect(metricsNamespace({ SYNC_METRICS_NAMESPACE: 'Plant North/softbus' })).toEqual({ namespace: 'Plant North/softbus' });
    for (const bad of ['AWS/Lambda', 'ünïcode', '   ', 'x'.repeat(256)]) {
      const extras = embeddedMetrics({ SYNC_METRICS_NAMESPACE: bad })(SUMMARY, Date.now());
      const line = JSON.stringify({ ...SUMMARY, ...extras });
      expect(emfProblems(line, Date.now())).toEqual([]);
      expect(JSON.parse(line)._aws.CloudWatchMetrics[0].Namespace).toBe('SoftbusSync');
      if (bad.trim()) expect(extras.metricsProblem).toMatch(/^SYNC_METRICS_NAMESPACE: must be/);
    }
  });

  it('the checker itself refuses what CloudWatch would refuse', () => {
    const now = Date.now();
    const good = {
      service: 'softbus-sync',
      synced: 1,
      _aws: {
        Timestamp: now,
        CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['service']], Metrics: [{ Name: 'synced', Unit: 'Count' }] }],
      },
    };
    const bad = (change: (r: typeof good) => unknown) => emfProblems(JSON.stringify(change(structuredClone(good))), now);
    expect(bad((r) => r)).toEqual([]);
    expect(bad((r) => ({ ...r, synced: '1' }))).toEqual(['metric synced: the root member must be a number (or up to 100 numbers)']);
    expect(bad((r) => ({ ...r, service: 7 }))).toEqual(['dimension service: the root member must be a string']);
    expect(bad((r) => ({ ...r, _aws: { ...r._aws, Timestamp: now - 15 * 86_400_000 } }))).toEqual([
      'Timestamp outside [-14 days, +2 hours]',
    ]);
    expect(
      bad((r) => ({
        ...r,
        _aws: { ...r._aws, CloudWatchMetrics: [{ ...r._aws.CloudWatchMetrics[0], Metrics: [{ Name: 'synced', Unit: 'Things' }] }] },
      })),
    ).not.toEqual([]);
    expect(bad((r) => ({ ...r, _aws: { ...r._aws, CloudWatchMetrics: [{ ...r._aws.CloudWatchMetrics[0], Extra: 1 }] } }))).not.toEqual([]);
    expect(
      bad((r) => ({
        ...r,
        _aws: {
          ...r._aws,
          CloudWatchMetrics: [{ ...r._aws.CloudWatchMetrics[0], Dimensions: [Array.from({ length: 31 }, (_, i) => `d${i}`)] }],
        },
      })),
    ).not.toEqual([]);
  });
});

describe('the built bundles', () => {
  let em: Emulator | undefined;
  let logs: ReturnType<typeof captureLogs> | undefined;
  afterEach(async () => {
    logs?.restore();
    vi.unstubAllEnvs();
    await em?.close();
    em = undefined;
  });

  const summaryOf = (lines: string[]) => lines.find((line) => line.includes('"message":"invocation summary"')) ?? '';

  it('Lambda: the summary line parses as EMF, in the configured namespace, with the numbers of the run', async () => {
    // prepare
    em = await emulator({ acceptedSignatures: 'basic' });
    stubFunctionEnv(em, {
      ...DEMO_KEYS_ENV,
      SYNC_METRICS_NAMESPACE: 'SoftbusSync/Test',
    });
    logs = captureLogs();
    // act
    await loadBundle('lambda')({ kind: 'resync', busIds: [SAMPLE_BUS, 'dead0000000000000000000000000000'] }, lambdaContext());
    logs.restore();
    const line = summaryOf(logs.lines);
    // assess
    expect(emfProblems(line, Date.now())).toEqual([]);
    const record = JSON.parse(line);
    expect(record._aws.CloudWatchMetrics[0].Namespace).toBe('SoftbusSync/Test');
    expect(record).toMatchObject({ service: 'softbus-sync', synced: 1, notFound: 1, failed: 0, failedRefs: 0 });
  });

  it('FunctionGraph: no EMF directive (LTS has its own log-to-metric rules)', async () => {
    em = await emulator({});
    stubFunctionEnv(em);
    logs = captureLogs();
    await loadBundle('functiongraph')({ kind: 'resync', groupIds: [SAMPLE_GROUP], dryRun: true }, functionGraphContext());
    logs.restore();
    const record = JSON.parse(summaryOf(logs.lines));
    expect(record.message).toBe('invocation summary');
    expect(record).not.toHaveProperty('_aws');
  });
});
