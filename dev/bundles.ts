import { createRequire } from 'node:module';
import { bundlePath } from './build';

const requireBundle = createRequire(import.meta.url);

export type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/** The handler's answer: what it returned, or what it threw (platforms retry the event on a throw). */
export interface Answer {
  value?: unknown;
  error?: Error & { report?: unknown };
  /** Wall time of the call, ms. */
  elapsedMs: number;
}

/**
 * Loads a built bundle the way the platforms do (CommonJS `require` of dist/<platform>/index.js) and
 * returns its `handler` export.
 * @example const handler = loadBundle('functiongraph');
 */
export function loadBundle(platform: string, file = bundlePath(platform)): Handler {
  const mod = requireBundle(file) as { handler?: Handler };
  if (typeof mod.handler !== 'function') throw new Error(`${file} exports no handler`);
  return mod.handler;
}

/**
 * Runs a handler once; a thrown error is part of the answer.
 * @example const answer = await invokeHandler(loadBundle('lambda'), event, context);
 */
export async function invokeHandler(handler: Handler, event: unknown, context: unknown): Promise<Answer> {
  const started = Date.now();
  try {
    return { value: await handler(event, context), elapsedMs: Date.now() - started };
  } catch (thrown) {
    return { error: thrown as Error & { report?: unknown }, elapsedMs: Date.now() - started };
  }
}

/** The report inside an answer: returned, or carried by the thrown retry error; undefined for an SQS answer. */
export function reportIn(answer: Answer): Record<string, unknown> | undefined {
  const value = answer.error ? answer.error.report : answer.value;
  return value && typeof value === 'object' && 'outcome' in value ? (value as Record<string, unknown>) : undefined;
}
