import { isPlainObject, joinPath } from '../common';
import type { Envelope } from '../envelope';
import { parseCtsTrace } from '../payloads/cts-trace';

/**
 * FunctionGraph's CTS trigger: `{"cts": trace}`; the trace ID names the record.
 * @example functionGraphCts.open({ cts: { service_type: 'IoTDA', … } }, { path: '' }, nested)
 */
export const functionGraphCts = {
  trigger: 'cts',
  asynchronous: true,
  shape: 'a CTS trigger event {"cts":…}',
  matches: (value) => 'cts' in value,
  describe(value) {
    const trace = isPlainObject(value.cts) ? value.cts : {};
    return `a CTS audit record: ${String(trace.trace_name ?? '?')} on ${String(trace.resource_type ?? '?')} ${String(trace.resource_id ?? '')} (FunctionGraph CTS trigger)`;
  },
  open(value, at) {
    const traceId = isPlainObject(value.cts) && typeof value.cts.trace_id === 'string' ? value.cts.trace_id : undefined;
    return [parseCtsTrace(value.cts, { ref: at.ref ?? traceId ?? 'cts', path: joinPath(at.path, 'cts') })];
  },
} as const satisfies Envelope;
