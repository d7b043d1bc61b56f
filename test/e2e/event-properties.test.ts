/**
 * Property-based tests (fast-check) of event parsing through both built bundles against the emulator:
 * no malformed event ever throws, and an event parseEvent finds no work in never reaches the network.
 * Inputs: arbitrary JSON values, mutations of the sample events (keys deleted, values replaced by
 * arbitrary JSON, stringified, re-typed), and SQS / EventGrid batches of arbitrary or mutated bodies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator';
import { parseEvent } from '../../src/events';
import { cloudEvent, PLATFORMS, type Platform, reportOf, sqsRecord, useE2E } from '../support/e2e';

const e2e = useE2E();

/** Fast pacing: the properties run many invocations, some of which do real work on the emulator. */
const ENV = { SYNC_MAX_RPS: '1000', SYNC_REQUEST_TIMEOUT_MS: '2000' };
const RUNS = 150;

const EVENTS_DIR = join(__dirname, '..', '..', 'events');
const SAMPLES: unknown[] = readdirSync(EVENTS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(EVENTS_DIR, f), 'utf8')) as unknown);
/** Sample payloads as they sit inside SQS bodies, CloudEvent data and EventBridge details. */
const PAYLOADS: unknown[] = [
  { kind: 'resync', busIds: ['a9f834fe02829321dbbda1e816a0b55d'], groupIds: ['a6d47a5b-9e24-f668-564d-60abb0864889'] },
  { kind: 'reconcile', scope: 'pending', groupIds: ['c4669c94-801c-22ab-83a2-fb39457765e5'], dryRun: true },
  {
    cts: {
      service_type: 'IoTDA',
      resource_type: 'device-group',
      trace_name: 'manageDevicesInGroup',
      resource_id: 'a6d47a5b-9e24-f668-564d-60abb0864889',
    },
  },
  {
    service_type: 'IoTDA',
    resource_type: 'device-group',
    trace_name: 'updateDeviceGroup',
    resource_id: 'c4669c94-801c-22ab-83a2-fb39457765e5',
    code: 200,
  },
];

type Json = unknown;
type Path = Array<string | number>;

/** Every path to a value inside a JSON document (the root excluded). */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

type Mutation =
  | { op: 'delete'; pick: number }
  | { op: 'replace'; pick: number; value: Json }
  | { op: 'stringify'; pick: number }
  | { op: 'string'; pick: number; value: string }
  | { op: 'wrap'; pick: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ op: fc.constant('stringify' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('string' as const),
    pick: fc.nat(),
    value: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('', '-', '../x', 'ffffffff', 'A'.repeat(37), '0'.repeat(36), 'TIMER', 'resync', '1.0'),
    ),
  }),
  fc.record({ op: fc.constant('wrap' as const), pick: fc.nat() }),
);

/** Applies mutations to a deep copy; each picks its target among the paths that exist at that point. */
function mutate(original: Json, mutations: Mutation[]): Json {
  const doc = structuredClone(original) as Json;
  for (const m of mutations) {
    const paths = pathsOf(doc);
    if (paths.length === 0) break;
    const path = paths[m.pick % paths.length]!;
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], doc) as Record<
      string | number,
      Json
    >;
    const key = path[path.length - 1]!;
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (m.op === 'replace') parent[key] = m.value;
    else if (m.op === 'stringify') parent[key] = JSON.stringify(parent[key]) ?? 'null';
    else if (m.op === 'string') parent[key] = m.value;
    else parent[key] = [parent[key]];
  }
  return doc;
}

const mutatedSample = fc
  .tuple(fc.constantFrom(...SAMPLES), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
  .map(([sample, ms]) => mutate(sample, ms));
const mutatedPayload = fc
  .tuple(fc.constantFrom(...PAYLOADS), fc.array(mutationArb, { minLength: 0, maxLength: 3 }))
  .map(([p, ms]) => mutate(p, ms));
const bodyArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  mutatedPayload,
  mutatedPayload.map((p) => JSON.stringify(p)),
  fc.string({ maxLength: 30 }),
);
const sqsBatch = fc
  .array(bodyArb, { minLength: 0, maxLength: 5 })
  .map((bodies) => ({ Records: bodies.map((b, i) => sqsRecord(`m${i}`, typeof b === 'string' ? b : (JSON.stringify(b) ?? 'null'))) }));
const eventGridBatch = fc
  .array(fc.oneof(mutatedPayload, fc.jsonValue({ maxDepth: 2 })), { minLength: 0, maxLength: 5 })
  .map((data) => ({ events: data.map((d, i) => cloudEvent(`e${i}`, d)) }));

/** Runs one input through a bundle and checks the two properties. */
async function checkInput(platform: Platform, em: Emulator, input: unknown): Promise<boolean> {
  em.resetCalls();
  const parsed = parseEvent(structuredClone(input));
  const hasWork = parsed.records.some((r) => r.kind === 'work');
  const answer = await e2e.invoke(platform, input);
  // Property 1: it never throws on malformed input (and, the emulator being healthy, on valid input neither).
  if (answer.error)
    throw new Error(`the handler threw ${answer.error.name}: ${answer.error.message} for ${JSON.stringify(input).slice(0, 300)}`);
  // Property 2: no work found → no API call, and the verdict says so.
  if (!hasWork) {
    expect(em.calls, `API calls for ${JSON.stringify(input).slice(0, 300)}`).toHaveLength(0);
    const report = reportOf(answer);
    if (report) expect(['rejected', 'ignored']).toContain(report.outcome);
  }
  return hasWork;
}

describe.each(PLATFORMS)('%s bundle: event parsing properties', (platform: Platform) => {
  it('arbitrary JSON values: no throw, no API call unless parseEvent finds work', async () => {
    const em = await e2e.setUp({}, ENV);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (input) => void (await checkInput(platform, em, input))),
      { numRuns: RUNS },
    );
  });

  it('mutations of the sample events (and their JSON text): same properties', async () => {
    const em = await e2e.setUp({}, ENV);
    const input = fc.oneof(
      mutatedSample,
      mutatedSample.map((e) => JSON.stringify(e) ?? 'null'),
    );
    const seen = { work: 0, none: 0 };
    await fc.assert(
      fc.asyncProperty(input, async (event) => void seen[(await checkInput(platform, em, event)) ? 'work' : 'none']++),
      { numRuns: RUNS },
    );
    // Both sides of the property were exercised: mutations that stay valid, and ones that do not.
    expect(seen.work).toBeGreaterThan(5);
    expect(seen.none).toBeGreaterThan(5);
  });

  it('SQS and EventGrid batches of arbitrary and mutated bodies: same properties', async () => {
    const em = await e2e.setUp({}, ENV);
    const seen = { work: 0, none: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(sqsBatch, eventGridBatch),
        async (event) => void seen[(await checkInput(platform, em, event)) ? 'work' : 'none']++,
      ),
      { numRuns: RUNS },
    );
    expect(seen.work).toBeGreaterThan(5);
    expect(seen.none).toBeGreaterThan(5);
  });

  it('the parser and the bundle agree: an SQS batch response names exactly the malformed records when nothing fails', async () => {
    const em = await e2e.setUp({}, ENV);
    await fc.assert(
      fc.asyncProperty(sqsBatch, async (event) => {
        em.resetCalls();
        const parsed = parseEvent(structuredClone(event));
        const rejectedRefs = [...new Set(parsed.records.flatMap((r) => (r.kind === 'rejected' ? [r.ref] : [])))].sort();
        const answer = await e2e.invoke(platform, event);
        expect(answer.error).toBeUndefined();
        const named =
          platform === 'lambda'
            ? (answer.value as { batchItemFailures: Array<{ itemIdentifier: string }> }).batchItemFailures.map((f) => f.itemIdentifier)
            : (reportOf(answer)?.failedRefs ?? []);
        expect([...new Set(named)].sort()).toEqual(rejectedRefs);
      }),
      { numRuns: 60 },
    );
  });
});
