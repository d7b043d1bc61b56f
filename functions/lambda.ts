/**
 * AWS Lambda entry point: the bundle dist/lambda/index.js, handler `index.handler`.
 * Everything the platform needs is in src/platforms/lambda.ts.
 */
import { createHandler } from '../src/platforms/handler';
import { lambda } from '../src/platforms/lambda';

/** @example await handler({ Records: [{ messageId: 'm1', body: '{"kind":"resync","busIds":["…"]}' }] }, context) // → { batchItemFailures } */
export const handler = createHandler(lambda);
