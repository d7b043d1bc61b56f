/**
 * AWS Lambda entry point (handler `index.handler` of dist/lambda/index.js). Huawei keys come from
 * Secrets Manager through the Parameters and Secrets extension when HUAWEICLOUD_SDK_SECRET_ID is set,
 * else from the HUAWEICLOUD_SDK_* variables.
 */
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { RetryableInvocationError } from '../src/errors';
import { runInvocation } from '../src/invoke';
import { retryMessage } from '../src/retry-message';
import { loadHuaweiKeysFromSecretsExtension } from '../src/secrets/aws-secrets-extension';
import { type Report, Trigger } from '../src/types';

/**
 * SQS batches get `{ batchItemFailures }` naming the records whose work failed or was malformed;
 * other events get the report, or a thrown error when a retry can help (asynchronous events).
 * @example await handler({ Records: [{ messageId: 'm1', body: '{"kind":"resync","busIds":["…"]}' }] }, context)
 */
export async function handler(event: unknown, context: Partial<Context> = {}): Promise<Report | SQSBatchResponse> {
  const { report, retryAdvised } = await runInvocation(event, {
    platform: 'lambda',
    requestId: context.awsRequestId ?? 'local',
    remainingMs: () => context.getRemainingTimeInMillis?.() ?? 60_000,
    loadKeys: () => loadHuaweiKeysFromSecretsExtension(process.env),
    env: process.env,
  });
  if (report.trigger === Trigger.Sqs) {
    return { batchItemFailures: report.failedRefs.map((itemIdentifier) => ({ itemIdentifier })) };
  }
  if (retryAdvised) throw new RetryableInvocationError(retryMessage(report), report);
  return report;
}
