import { DEFAULT_PARTS, type PartFactories, runInvocation } from '../invoke';
import type { Platform } from './platform';

/**
 * The exported handler of a platform's bundle: the platform's context becomes the runtime, the core runs
 * the event, the result becomes the platform's answer. `parts` swaps engine parts (benchmarks).
 * @example export const handler = createHandler(functionGraph);
 */
export function createHandler<Context, Answer>(platform: Platform<Context, Answer>, parts: PartFactories = DEFAULT_PARTS) {
  return async (event: unknown, context?: Context): Promise<Answer> =>
    platform.answerOf(await runInvocation(event, platform.runtimeOf(context, process.env), parts));
}
