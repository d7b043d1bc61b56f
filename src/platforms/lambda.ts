import type { Context, SQSBatchResponse } from 'aws-lambda';
import { loadLambdaKeys } from '../credentials/lambda-keys';
import { embeddedMetrics } from '../metrics';
import type { Report } from '../report';
import { contextString, localRequestId, type Platform, remainingFrom, remainingOf, reportOrRetry } from './platform';

/**
 * AWS Lambda, the portable platform: Huawei keys from the source HUAWEICLOUD_CREDENTIALS chooses
 * (src/credentials/source.ts: by default the secret HUAWEICLOUD_SDK_SECRET_ID names, read with the
 * runtime's AWS SDK, else the HUAWEICLOUD_SDK_* variables; or AWS federation, no key stored). SQS batches
 * get `{ batchItemFailures }` naming the records whose work failed or was malformed; other events get the
 * report, or a thrown error when a retry can help (asynchronous events). The summary line is also a
 * CloudWatch Embedded Metric Format record (namespace SYNC_METRICS_NAMESPACE, default SoftbusSync).
 * @example const handler = createHandler(lambda); await handler({ Records: [{ messageId: 'm1', body: '{"kind":"resync","busIds":["…"]}' }] }, context);
 */
export const lambda: Platform<Partial<Context>, Report | SQSBatchResponse> = {
  name: 'lambda',
  entry: 'functions/lambda.ts',
  triggers: ['sqs', 'eventbridge', 'schedule'],
  keysFrom: 'environment',
  runtimeOf: (context = {}, env) => ({
    platform: 'lambda',
    requestId: contextString(() => context.awsRequestId) ?? 'local',
    remainingMs: () => remainingOf(() => context.getRemainingTimeInMillis?.(), 60_000),
    loadKeys: (request) => loadLambdaKeys(env, request),
    env,
    summaryMetrics: embeddedMetrics(env),
  }),
  answerOf(result) {
    if (result.report.trigger === 'sqs') return { batchItemFailures: result.failedRefs.map((itemIdentifier) => ({ itemIdentifier })) };
    return reportOrRetry(result);
  },
  devContext({ requestId = localRequestId(), remainingMs = 60_000 } = {}) {
    return {
      awsRequestId: requestId,
      functionName: 'softbus-sync',
      functionVersion: '$LATEST',
      getRemainingTimeInMillis: remainingFrom(remainingMs),
    };
  },
};
