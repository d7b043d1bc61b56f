/**
 * Everything the invocation waits on before the work is bounded by the time it has left: the keys a
 * runtime loads get the budget (its signal aborts, its remainingMs shrinks), and the core stops waiting
 * when it runs out even for a key source that ignores it.
 */
import { describe, expect, it } from 'vitest';
import { Deadline, type TimeBudget, withinBudget } from '../../src/engine/deadline';
import { OutOfTimeError } from '../../src/errors';
import { type InvocationRuntime, runInvocation } from '../../src/invoke';

const ENV = { IOTDA_REGION: 'cn-north-4', HUAWEICLOUD_SDK_PROJECT_ID: 'p1' };

function runtime(loadKeys: InvocationRuntime['loadKeys'], remainingMs: number, lines: string[] = []): InvocationRuntime {
  const endsAt = Date.now() + remainingMs;
  return {
    platform: 'test',
    requestId: 'r1',
    remainingMs: () => Math.max(0, endsAt - Date.now()),
    loadKeys,
    env: ENV,
    write: (line) => lines.push(line),
  };
}

describe('the time budget', () => {
  it('Deadline.signal aborts at the deadline with an OutOfTimeError', async () => {
    // Prepare
    const deadline = new Deadline(Date.now() + 50);
    // Act
    const signal = deadline.signal;
    const before = signal.aborted;
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    // Assess
    expect(before).toBe(false);
    expect(signal.reason).toBeInstanceOf(OutOfTimeError);
    expect(new Deadline(Date.now() - 1).signal.aborted).toBe(true);
  });

  it('withinBudget stops waiting for work that ignores the budget', async () => {
    const started = Date.now();
    const caught = await withinBudget(new Promise(() => undefined), new Deadline(Date.now() + 80), 'the thing').catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(OutOfTimeError);
    expect((caught as Error).message).toMatch(/^the thing: no answer within the time left/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await withinBudget(Promise.resolve(7), new Deadline(Date.now() + 80), 'x')).toBe(7);
  });

  it('loadKeys receives the budget of the work: the time left minus the reserve', async () => {
    // Prepare
    let seen: TimeBudget | undefined;
    const load = (budget: TimeBudget) => {
      seen = budget;
      return undefined;
    };
    // Act
    await runInvocation({ kind: 'resync', busIds: ['ab12'], dryRun: true }, runtime(load, 10_000));
    // Assess
    expect(seen?.remainingMs()).toBeGreaterThan(8_000);
    expect(seen?.remainingMs()).toBeLessThanOrEqual(8_500);
    expect(seen?.signal.aborted).toBe(false);
  });

  it('a key source that never answers fails the invocation before the platform deadline, naming the step', async () => {
    // Prepare: 1 s left; the source hangs and ignores the signal
    const lines: string[] = [];
    const started = Date.now();
    // Act
    const result = await runInvocation(
      { kind: 'resync', busIds: ['ab12'] },
      runtime(() => new Promise(() => undefined), 1_000, lines),
    );
    // Assess
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(result.report.outcome).toBe('failed');
    expect(result.report.error?.message).toMatch(/^loading the keys: no answer within the time left/);
    expect(lines.some((line) => line.includes('"invocation failed"'))).toBe(true);
  });
});
