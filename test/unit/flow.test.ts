/**
 * The pieces that size and feed the requests in flight: the sliding time window, Little's law sizing
 * (src/engine/in-flight.ts), the work queue's dynamic limit and the instance's pacers.
 */
import { describe, expect, it } from 'vitest';
import { BusBook } from '../../src/engine/bus-book';
import { ChunkedQueue } from '../../src/engine/chunked-queue';
import { HEADROOM, INITIAL_LATENCY_MS, InFlight } from '../../src/engine/in-flight';
import { forgetPacers, instancePacer } from '../../src/engine/pacers';
import { TimeWindow } from '../../src/engine/time-window';
import { WorkQueue } from '../../src/engine/work-queue';
import { buildPlan } from '../../src/plan';

describe('TimeWindow', () => {
  it('counts the events of the last width, forgets older ones, and grows past its first ring', () => {
    // Prepare
    const window = new TimeWindow(1000);
    for (let at = 0; at < 500; at++) window.add(at * 4); // 0 … 1996 ms, one every 4 ms
    // Act and assess
    expect(window.count(1996)).toBe(250); // (996, 1996]
    expect(window.count(5000)).toBe(0);
    window.add(6000);
    expect(window.count(5999)).toBe(0); // stamped in the future: not in the window yet
    expect(window.count(6000)).toBe(1);
  });
});

describe('InFlight (Little’s law)', () => {
  it('keeps rate × latency × headroom (+1) in flight, between 1 and the bound', () => {
    // Prepare: 100 requests/s allowed; answers after 400 ms
    let now = 0;
    const sizing = new InFlight(
      256,
      () => 100,
      () => now,
    );
    // Act: before any answer the first request's age is the latency (at least the initial guess)
    expect(sizing.target()).toBe(Math.ceil((100 * INITIAL_LATENCY_MS * HEADROOM) / 1000) + 1);
    const startedAt = sizing.started();
    now = 400;
    expect(sizing.target()).toBe(81);
    sizing.answered(startedAt);
    // Assess
    expect(sizing.target()).toBe(100 * 0.4 * HEADROOM + 1);
    expect(
      new InFlight(
        16,
        () => 1000,
        () => 0,
      ).target(),
    ).toBe(16);
    expect(
      new InFlight(
        16,
        () => 0.1,
        () => 0,
      ).target(),
    ).toBe(1 + 1);
  });

  it('follows the latency as it changes (moving average)', () => {
    let now = 0;
    const sizing = new InFlight(
      512,
      () => 100,
      () => now,
    );
    for (let i = 0; i < 50; i++) {
      const at = sizing.started();
      now += 20;
      sizing.answered(at);
    }
    expect(sizing.target()).toBe(Math.ceil(100 * 0.02 * HEADROOM) + 1);
    for (let i = 0; i < 50; i++) {
      const at = sizing.started();
      now += 300;
      sizing.answered(at);
    }
    expect(sizing.target()).toBeGreaterThan(55);
    expect(sizing.target()).toBeLessThanOrEqual(61);
  });

  it('does not count a task waiting out a backoff as in flight, and says so when it starts', async () => {
    let wake: () => void = () => {};
    const sizing = new InFlight(
      4,
      () => 1000,
      () => 0,
      () => new Promise<void>((resolve) => (wake = resolve)),
    );
    let changes = 0;
    sizing.onChange = () => changes++;
    expect(sizing.tasks()).toBe(4);
    const pause = sizing.pause(1000);
    expect([sizing.tasks(), changes]).toEqual([5, 1]);
    wake();
    await pause;
    expect(sizing.tasks()).toBe(4);
  });

  it('without a rate (a fixed-concurrency limiter) is a pool of `bound` workers, backoffs included', () => {
    const sizing = new InFlight(
      16,
      undefined,
      () => 0,
      () => new Promise<void>(() => {}),
    );
    void sizing.pause(1000);
    expect(sizing.tasks()).toBe(16);
  });
});

describe('WorkQueue', () => {
  it('runs at most limit() tasks at once, re-reading the limit as it changes, lists before syncs', async () => {
    // Prepare
    const queue = new WorkQueue<string, number>(10);
    const order: string[] = [];
    let running = 0;
    let most = 0;
    let limit = 2;
    const task = async (label: string) => {
      order.push(label);
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
    };
    for (let i = 0; i < 6; i++) queue.pushSync(i);
    queue.pushList('a');
    queue.pushList('b');
    // Act
    const done = queue.run(() => limit, {
      list: async (page) => {
        await task(`list ${page}`);
        if (page === 'a') {
          limit = 4;
          queue.pushSync(6);
        }
      },
      sync: (n) => task(`sync ${n}`),
    });
    await done;
    // Assess
    expect(order.slice(0, 2)).toEqual(['list a', 'list b']);
    expect(order.filter((x) => x.startsWith('sync'))).toHaveLength(7);
    expect(most).toBe(4);
  });

  it('holds listing back while `lookAhead` syncs wait, and ends when both lanes are empty', async () => {
    const queue = new WorkQueue<string, number>(2);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) queue.pushSync(i);
    queue.pushList('p');
    await queue.run(() => 1, {
      list: async (page) => {
        order.push(page);
      },
      sync: async (n) => {
        order.push(String(n));
      },
    });
    expect(order).toEqual(['0', '1', 'p', '2']);
  });

  it('rejects with the error of a task that throws', async () => {
    const queue = new WorkQueue<string, number>(2);
    queue.pushSync(1);
    await expect(queue.run(() => 1, { list: async () => {}, sync: async () => Promise.reject(new Error('bug')) })).rejects.toThrow('bug');
  });
});

describe('ChunkedQueue', () => {
  it('keeps order across chunks, lets read chunks go, and starts an emptied chunk over', () => {
    // Prepare
    const queue = new ChunkedQueue<number>(3);
    for (let i = 0; i < 7; i++) queue.push(i);
    // Act
    const taken = [queue.shift(), queue.shift(), queue.shift(), queue.shift()];
    // Assess
    expect(taken).toEqual([0, 1, 2, 3]);
    expect(queue.length).toBe(3);
    expect([...queue]).toEqual([4, 5, 6]);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift()]).toEqual([4, 5, 6, undefined]);
    expect(queue.length).toBe(0);
    queue.push(9);
    queue.push(10);
    expect([...queue]).toEqual([9, 10]);
    expect(queue.shift()).toBe(9);
    expect(queue.shift()).toBe(10);
    queue.push(11); // the emptied chunk is started over
    expect([...queue]).toEqual([11]);
  });
});

describe('BusBook', () => {
  it('queues each bus once, merges the refs of a bus reached again, and lists results in the order settled', () => {
    // Prepare: r1 syncs, dry wants a dry run only
    const plan = buildPlan([
      { ref: 'r1', busIds: [], groups: [], dryRun: false },
      { ref: 'dry', busIds: [], groups: [], dryRun: true },
    ]);
    const queued: string[] = [];
    const book = new BusBook(plan, (busId) => queued.push(busId));
    const r1 = new Set(['r1']);
    const dry = new Set(['dry']);
    // Act: an all-digit ID too (a dictionary key that is an array index)
    book.add('b2', dry);
    book.add('0123', r1);
    book.add('b1', r1);
    book.add('b1', dry);
    book.add('b2', r1); // a real ref now wants b2
    book.add('b3', dry);
    book.settle('b1', 'failed', { message: 'HTTP 500', attempts: 3, retryable: true });
    book.settle('0123', 'synced');
    book.settle('b2', 'synced');
    const planned = book.settlePlanned();
    // Assess
    expect(queued).toEqual(['0123', 'b1', 'b2']);
    expect(book.size).toBe(4);
    expect(planned).toEqual(['b3']);
    const results = [...book].map((bus) => ({ ...bus, refs: [...bus.refs].sort() }));
    expect(results).toEqual([
      { busId: 'b1', outcome: 'failed', refs: ['dry', 'r1'], failure: { message: 'HTTP 500', attempts: 3, retryable: true } },
      { busId: '0123', outcome: 'synced', refs: ['r1'] },
      { busId: 'b2', outcome: 'synced', refs: ['dry', 'r1'] },
      { busId: 'b3', outcome: 'planned', refs: ['dry'] },
    ]);
    expect([...book]).toHaveLength(4); // read again: the same
  });
});

describe('instancePacer', () => {
  it('gives every invocation of the instance the same pacer for one endpoint, a new one for another scope', () => {
    forgetPacers();
    const scope = { endpoint: 'https://iotda.cn-north-4.myhuaweicloud.com', maxRps: 150 };
    const first = instancePacer(scope);
    expect(instancePacer({ ...scope })).toBe(first);
    expect(instancePacer({ ...scope, instanceId: 'i1' })).not.toBe(first);
    expect(instancePacer({ ...scope, maxRps: 400 })).not.toBe(first);
    expect(instancePacer({ ...scope, maxRps: 400 }).maxRps).toBe(400);
    forgetPacers();
    expect(instancePacer(scope)).not.toBe(first);
  });
});
