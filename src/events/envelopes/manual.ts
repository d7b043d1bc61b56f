import type { Envelope } from '../envelope';
import { parseRequest } from '../payloads/requests';

/**
 * A request sent as the event itself: a console test event, an API or CLI invocation, a scheduler's input.
 * @example manual.open({ kind: 'resync', groupIds: ['…'] }, { path: '' }, nested)
 */
export const manual = {
  trigger: 'manual',
  asynchronous: false,
  shape: 'a request {"kind":"resync"|"reconcile"|"changes",…}',
  matches: (value) => 'kind' in value,
  describe: (value) => `a manual request ${JSON.stringify(value)}`,
  open: (value, at) => [parseRequest(value, { ref: at.ref ?? 'manual', path: at.path })],
} as const satisfies Envelope;
