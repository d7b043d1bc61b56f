/**
 * Issue 9, the bounds at their roots: text is scrubbed before it is shortened, a log line and the report
 * have a hard size, a foreign error's message is never written, and a list answer is validated where it is
 * parsed (invalid IDs counted and sampled, IDs in lower case, marker and count checked).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_CHARS, MAX_LOG_LINE_BYTES, MAX_REPORT_BYTES } from '../../src/bounds';
import { describeError, InvalidIdError } from '../../src/errors';
import { parseListAnswer } from '../../src/iotda/list-answer';
import { Logger } from '../../src/logger';
import { SecretList } from '../../src/redact';
import { capReport, type Report } from '../../src/report';

const AK = 'AKIDEXAMPLE0123456789';
/** A security token that starts with the AK (one secret holding another), long as real ones are. */
const TOKEN = `${AK}${'Tok3nBody+/='.repeat(40)}`;

/** The longest piece (≥ 8 characters) of `secret` found in `text`. */
function longestPiece(secret: string, text: string): number {
  for (let length = secret.length; length >= 8; length--)
    for (let at = 0; at + length <= secret.length; at += 1) if (text.includes(secret.slice(at, at + length))) return length;
  return 0;
}

function report(over: Partial<Report> = {}): Report {
  const base: Report = {
    outcome: 'ok',
    trigger: 'manual',
    requestId: 'r1',
    dryRun: false,
    groups: [],
    synced: [],
    planned: [],
    notFound: [],
    failed: [],
    failedGroups: [],
    deferred: [],
    failedRefs: [],
    durationMs: 1,
  };
  return { ...base, ...over };
}

describe('scrub, then shorten', () => {
  it('clip scrubs the whole text before it cuts: no piece of a long token survives a short cut', () => {
    // Prepare
    const secrets = new SecretList([AK, TOKEN]);
    // Act
    const clipped = secrets.clip(`bus ${TOKEN}zz`, 40);
    // Assess
    expect(clipped).toBe('bus [REDACTED]zz');
    for (const max of [8, 20, 64, 200, 479]) expect(longestPiece(TOKEN, secrets.clip(`id ${TOKEN}${TOKEN}`, max))).toBe(0);
  });

  it('stringify caps every string after the scrub, and says how much was cut', () => {
    const secrets = new SecretList([TOKEN]);
    const line = secrets.stringify({ id: `${'x'.repeat(MAX_FIELD_CHARS)}${TOKEN}`, nested: [{ message: 'y'.repeat(5000) }] });
    const value = JSON.parse(line) as { id: string; nested: Array<{ message: string }> };
    expect(value.id).toMatch(/^x{2048}…\[10 more chars]$/);
    expect(value.nested[0]?.message.length).toBeLessThan(MAX_FIELD_CHARS + 30);
    expect(longestPiece(TOKEN, line)).toBe(0);
  });

  it('an invalid ID keeps its whole value in the error, so the scrub sees the whole token', () => {
    const error = new InvalidIdError('bus ID', TOKEN);
    const written = new SecretList([AK, TOKEN]).stringify({ error });
    expect(longestPiece(TOKEN, written)).toBe(0);
    expect(written).toContain('[REDACTED]');
  });

  it('never writes the message of a foreign error, even one that fakes stack frames', () => {
    // Prepare: a message holding a key not (yet) known to the scrubber, with a line that looks like a frame
    const error = new TypeError(`cannot read ${AK}\n    at ${AK} (evil.js:1:1)`);
    // Act
    const described = describeError(error);
    const line = new SecretList().stringify({ error });
    // Assess
    expect(described.name).toBe('TypeError');
    expect(JSON.stringify(described)).not.toContain(AK);
    expect(line).not.toContain(AK);
    expect(described.at?.[0]).toMatch(/^at /);
  });
});

describe('one log line stays under its bound', () => {
  const write = () => {
    const lines: string[] = [];
    return { lines, log: new Logger({ service: 's', requestId: 'r' }, 'info', (line) => lines.push(line)) };
  };

  it('a line with a huge list of huge strings is rewritten with tighter caps, still JSON', () => {
    const { lines, log } = write();
    log.warn('event rejected', { issues: Array.from({ length: 500 }, (_, i) => ({ path: `busIds.${i}`, message: 'm'.repeat(3000) })) });
    expect(Buffer.byteLength(lines[0] ?? '')).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ message: 'event rejected' });
  });

  it('property: whatever the fields hold, every line is JSON under the bound and holds no registered secret', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 30 }),
        fc.string(),
        (fields, noise) => {
          const { lines, log } = write();
          log.secrets.add(TOKEN);
          log.info('x', { ...fields, noise: `${noise}${TOKEN}`.repeat(3) });
          const line = lines[0] ?? '';
          expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
          expect(() => JSON.parse(line)).not.toThrow();
          expect(longestPiece(TOKEN, line)).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the report has a hard size', () => {
  it('a report under the cap is returned as is', () => {
    const small = report({ synced: ['a1', 'b2'] });
    expect(capReport(small)).toBe(small);
  });

  it('cuts the heaviest lists from the end, flags it, and counts what each list lost', () => {
    // Prepare: 20,000 synced IDs (≈ 700 KB) and 10 failures
    const synced = Array.from({ length: 20_000 }, (_, i) => i.toString(16).padStart(32, '0'));
    const failed = Array.from({ length: 10 }, (_, i) => ({ busId: `f${i}`, message: 'HTTP 503', attempts: 4, retryable: true }));
    // Act
    const capped = capReport(report({ outcome: 'partial', synced, failed }));
    // Assess
    expect(Buffer.byteLength(JSON.stringify(capped))).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    expect(capped.truncated).toBe(true);
    expect(capped.synced).toEqual(synced.slice(0, capped.synced.length));
    expect(capped.omitted?.synced).toBe(synced.length - capped.synced.length);
    expect(capped.failed).toHaveLength(10);
  });

  it('property: any lists of any strings end under the cap', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 2048 }), { maxLength: 400 }), fc.nat(20_000), (texts, count) => {
        const ids = Array.from({ length: count }, (_, i) => `id-${i}`);
        const issues = texts.map((message, i) => ({ path: `p${i}`, message }));
        const capped = capReport(report({ synced: ids, deferred: ids, failedRefs: texts, error: { message: 'm', issues } }));
        expect(Buffer.byteLength(JSON.stringify(capped))).toBeLessThanOrEqual(MAX_REPORT_BYTES);
      }),
      { numRuns: 30 },
    );
  });
});

describe('a list answer is validated where it is parsed', () => {
  const secrets = new SecretList([AK, TOKEN]);
  const parse = (body: unknown) => parseListAnswer(JSON.stringify(body), 200, undefined, secrets);

  it('keeps valid buses in lower case; counts invalid entries and quotes a few, scrubbed then shortened', () => {
    const page = parse({
      harmony_soft_buses: [
        { bus_id: 'AB12', group_id: 'CD34', status: 'Synchronized' },
        { bus_id: 'z'.repeat(20_000) },
        { bus_id: TOKEN, group_id: 'g' },
        { bus_id: 42 },
        'not an object',
        { bus_id: 'ef56', group_id: 'not a group id' },
      ],
      page: { count: 6, marker: '5c90fa7d3d8f8c06fa6d5cc1' },
    });
    expect(page.buses).toEqual([{ bus_id: 'ab12', group_id: 'cd34', status: 'Synchronized' }, { bus_id: 'ef56' }]);
    expect(page.invalid?.count).toBe(4);
    expect(page.invalid?.samples).toHaveLength(3);
    expect(page.invalid?.samples[1]).toBe('bus_id "[REDACTED]"');
    expect(page.invalid?.samples.every((sample) => sample.length < 120)).toBe(true);
    expect(page).toMatchObject({ count: 6, marker: '5c90fa7d3d8f8c06fa6d5cc1' });
  });

  it('drops a count that is not a whole number ≥ 0 and a marker that could grow a URL', () => {
    for (const count of [-1, 1.5, 1e300, '7', null]) expect(parse({ harmony_soft_buses: [], page: { count } }).count).toBeUndefined();
    for (const marker of ['m'.repeat(65), 'a b', 'x&y=1', 7])
      expect(parse({ harmony_soft_buses: [], page: { marker } }).marker).toBeUndefined();
    expect(parse({ harmony_soft_buses: [], page: { count: 0 } }).count).toBe(0);
  });

  it('rejects an answer without the list, naming neither the body nor a key', () => {
    expect(() => parseListAnswer('{}', 200, 'req-1', secrets)).toThrow('list answer has an unexpected shape (HTTP 200)');
    expect(() => parseListAnswer(`<html>${AK}`, 200, 'req-1', secrets)).toThrow('list answer is not JSON (HTTP 200)');
  });
});
