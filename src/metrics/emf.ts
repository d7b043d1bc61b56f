import type { SummaryMetrics } from '../report';

/** The variable that names the CloudWatch namespace of the metrics (Lambda). */
export const METRICS_NAMESPACE_ENV = 'SYNC_METRICS_NAMESPACE';
const DEFAULT_NAMESPACE = 'SoftbusSync';
/**
 * CloudWatch's namespace rule (as aws-embedded-metrics checks it): printable ASCII letters, digits and
 * `. - _ / # : space`, at least one non-space, 1–255 characters; `AWS/` is reserved for AWS.
 */
export const METRICS_NAMESPACE_PATTERN = /^(?!AWS\/)(?=.*\S)[A-Za-z0-9 ._#:/-]{1,255}$/;

/**
 * The summary fields that become metrics, by the name they already have on the line (EMF reads each
 * metric's value from the root member of that name). `failedRefs` (the records not done: failed,
 * deferred, malformed, or all of them after a configuration error) is the one to alarm on.
 */
export const EMF_METRICS = [
  { Name: 'synced', Unit: 'Count' },
  { Name: 'failed', Unit: 'Count' },
  { Name: 'deferred', Unit: 'Count' },
  { Name: 'notFound', Unit: 'Count' },
  { Name: 'throttled', Unit: 'Count' },
  { Name: 'failedRefs', Unit: 'Count' },
  { Name: 'durationMs', Unit: 'Milliseconds' },
] as const;

/**
 * The namespace from the environment: SYNC_METRICS_NAMESPACE, else `SoftbusSync`; an invalid value is
 * not used (it would lose every metric) and says why.
 * @example metricsNamespace({ SYNC_METRICS_NAMESPACE: 'Plant/North' }) // { namespace: 'Plant/North' }
 */
export function metricsNamespace(env: Record<string, string | undefined>): { namespace: string; problem?: string } {
  const value = env[METRICS_NAMESPACE_ENV]?.trim();
  if (!value) return { namespace: DEFAULT_NAMESPACE };
  if (METRICS_NAMESPACE_PATTERN.test(value)) return { namespace: value };
  const problem = `${METRICS_NAMESPACE_ENV}: must be 1–255 characters of A–Z a–z 0–9 . - _ / # : and space, not starting with AWS/; ${DEFAULT_NAMESPACE} used`;
  return { namespace: DEFAULT_NAMESPACE, problem };
}

/**
 * The CloudWatch Embedded Metric Format directive for the summary line, in the shape Powertools Metrics
 * emits: `_aws.Timestamp` (ms), one `CloudWatchMetrics` directive with the namespace, the dimension set
 * `[["service"]]` (Powertools' default: one series per metric, whatever the trigger) and the metric
 * definitions; the values are the line's own root members. Low cardinality on purpose: per-bus detail
 * stays in the logs (Logs Insights), not in metric dimensions.
 * @example const extras = embeddedMetrics(process.env)({ service: 'softbus-sync', synced: 2, … }, Date.now());
 */
export function embeddedMetrics(env: Record<string, string | undefined>): SummaryMetrics {
  const { namespace, problem } = metricsNamespace(env);
  return (summary, now) => {
    // Only metrics whose value is on the line: EMF rejects a directive that names a missing member.
    const metrics = EMF_METRICS.filter(({ Name }) => typeof summary[Name] === 'number');
    return {
      _aws: { Timestamp: now, CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [['service']], Metrics: metrics }] },
      ...(problem ? { metricsProblem: problem } : {}),
    };
  };
}
