import { type At, isPlainObject, joinPath, parseJson, type RecordResult, rejected } from '../common';
import { parseChangesRequest } from './changes';
import { looksLikeCtsTrace, parseCtsTrace } from './cts-trace';
import { parseReconcileOptions } from './reconcile';
import { parseResyncRequest } from './resync';

/** The requests a person or a producer can send, by their `kind`; a new kind is one payload file and one line here. */
export const REQUESTS: Readonly<Record<string, (value: unknown, at: At) => RecordResult>> = {
  resync: parseResyncRequest,
  reconcile: parseReconcileOptions,
  changes: parseChangesRequest,
};

const KINDS = Object.keys(REQUESTS)
  .map((kind) => `"${kind}"`)
  .join(' or ');

/**
 * A request sent as the event itself (`{"kind":…}`): its kind picks the schema.
 * @example parseRequest({ kind: 'resync', busIds: ['ab'] }, { ref: 'manual', path: '' })
 */
export function parseRequest(value: Record<string, unknown>, at: At): RecordResult {
  const parse = typeof value.kind === 'string' ? REQUESTS[value.kind] : undefined;
  return parse ? parse(value, at) : rejected(at.ref, joinPath(at.path, 'kind'), `must be ${KINDS}`);
}

/**
 * What a carrier holds (a CloudEvent's data, an EventBridge detail): an object or JSON text that is a
 * request, a CTS trace, or a trace wrapped as the CTS trigger sends it (`{"cts":…}`).
 * @example parseCarried('{"kind":"resync","busIds":["ab"]}', { ref: 'evt-1', path: 'detail' })
 */
export function parseCarried(data: unknown, at: At): RecordResult {
  const payload = typeof data === 'string' ? parseJson(data) : data;
  if (!isPlainObject(payload)) return rejected(at.ref, at.path, 'expected a JSON object: a CTS trace or a resync request');
  if (typeof payload.kind === 'string' && REQUESTS[payload.kind]) return parseRequest(payload, at);
  if (isPlainObject(payload.cts)) return parseCtsTrace(payload.cts, { ...at, path: `${at.path}.cts` });
  if (looksLikeCtsTrace(payload)) return parseCtsTrace(payload, at);
  return rejected(at.ref, at.path, `neither a CTS trace (trace_name, service_type, resource_type) nor a request ("kind": ${KINDS})`);
}
