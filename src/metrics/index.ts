/**
 * Metrics from the summary line: a platform whose log service turns a structured line into metrics
 * (CloudWatch Logs: the Embedded Metric Format) adds the members that ask for it. The core only offers
 * the hook (`InvocationRuntime.summaryMetrics`); the platform decides (src/platforms/lambda.ts).
 */
export { EMF_METRICS, embeddedMetrics, METRICS_NAMESPACE_ENV, METRICS_NAMESPACE_PATTERN, metricsNamespace } from './emf';
