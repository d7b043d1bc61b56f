/**
 * FunctionGraph entry point: the bundle dist/functiongraph/index.js, handler `index.handler`.
 * Everything the platform needs is in src/platforms/functiongraph.ts.
 */
import { functionGraph } from '../src/platforms/functiongraph';
import { createHandler } from '../src/platforms/handler';

export type { FunctionGraphContext } from '../src/platforms/functiongraph';

/** @example exports.handler({ kind: 'resync', groupIds: ['…'] }, context) // → Report */
export const handler = createHandler(functionGraph);
