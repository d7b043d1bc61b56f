/**
 * The FunctionGraph handler with the fixed-rate limiter in place of the adaptive pacer: the benchmark's
 * "fixed concurrency" and "sequential" baselines. Same platform, parts swapped through createHandler.
 */
import { DEFAULT_PARTS } from '../../src/invoke';
import { functionGraph } from '../../src/platforms/functiongraph';
import { createHandler } from '../../src/platforms/handler';
import { FixedRateLimiter } from './fixed-rate-limiter';

export const handler = createHandler(functionGraph, { ...DEFAULT_PARTS, rateLimiter: (config) => new FixedRateLimiter(config.maxRps) });
