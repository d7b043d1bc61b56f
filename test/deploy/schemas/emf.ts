/**
 * The CloudWatch Embedded Metric Format, as its specification states it ("Specification: Embedded metric
 * format", Amazon CloudWatch User Guide), checked the way CloudWatch Logs would extract it:
 * - the root is a JSON object with `_aws` { Timestamp (ms since the epoch, not more than 14 days past or
 *   2 hours ahead), CloudWatchMetrics: [MetricDirective] }; objects of the specification carry no other members;
 * - MetricDirective { Namespace, Dimensions: [DimensionSet], Metrics: [MetricDefinition] (at most 100) };
 *   a DimensionSet holds at most 30 dimension keys;
 * - MetricDefinition { Name, Unit? (a CloudWatch StandardUnit), StorageResolution? (1 or 60) };
 * - every name is a Target Member at the root: a dimension's a string, a metric's a number (or an array
 *   of at most 100 numbers).
 * The limits also match the AWS library (awslabs/aws-embedded-metrics-node, src/Constants.ts) and what
 * Powertools Metrics emits (aws-powertools/powertools-lambda-typescript, packages/metrics).
 */
import { z } from 'zod';

/** CloudWatch's StandardUnit values (MetricDatum), as Powertools' MetricUnit lists them. */
export const EMF_UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const;

const DAY_MS = 24 * 3600 * 1000;
const Namespace = z.string().regex(/^(?=.*\S)[A-Za-z0-9 ._#:/-]{1,255}$/);
const MetricDefinition = z.strictObject({
  Name: z.string().min(1).max(1024),
  Unit: z.enum(EMF_UNITS).optional(),
  StorageResolution: z.union([z.literal(1), z.literal(60)]).optional(),
});
const MetricDirective = z.strictObject({
  Namespace,
  Dimensions: z.array(z.array(z.string().min(1).max(250)).max(30)),
  Metrics: z.array(MetricDefinition).min(1).max(100),
});
const Metadata = z.strictObject({
  Timestamp: z.number().int(),
  CloudWatchMetrics: z.array(MetricDirective).min(1),
});

/**
 * Checks one log line as CloudWatch would; returns the problems (none: it is an EMF record).
 * @example expect(emfProblems(line, Date.now())).toEqual([]);
 */
export function emfProblems(line: string, now: number): string[] {
  let root: unknown;
  try {
    root = JSON.parse(line);
  } catch {
    return ['not JSON'];
  }
  if (!root || typeof root !== 'object' || Array.isArray(root)) return ['the root is not an object'];
  const record = root as Record<string, unknown>;
  const metadata = Metadata.safeParse(record._aws);
  if (!metadata.success) return metadata.error.issues.map((issue) => `_aws.${issue.path.join('.')}: ${issue.message}`);
  const problems: string[] = [];
  const { Timestamp, CloudWatchMetrics } = metadata.data;
  if (Timestamp < now - 14 * DAY_MS || Timestamp > now + 2 * 3600 * 1000) problems.push('Timestamp outside [-14 days, +2 hours]');
  for (const directive of CloudWatchMetrics) {
    for (const key of directive.Dimensions.flat())
      if (typeof record[key] !== 'string') problems.push(`dimension ${key}: the root member must be a string`);
    for (const { Name } of directive.Metrics) {
      const value = record[Name];
      const numbers = Array.isArray(value) ? value : [value];
      if (numbers.length === 0 || numbers.length > 100 || !numbers.every((n) => typeof n === 'number' && Number.isFinite(n)))
        problems.push(`metric ${Name}: the root member must be a number (or up to 100 numbers)`);
    }
  }
  return problems;
}
