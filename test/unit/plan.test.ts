import { describe, expect, it } from 'vitest';
import { buildPlan, listingsOf, refsSelecting, wantsRealSync } from '../../src/plan';
import type { WorkItem } from '../../src/types';

const item = (ref: string, over: Partial<WorkItem>): WorkItem => ({ ref, busIds: [], groups: [], dryRun: false, ...over });

describe('buildPlan', () => {
  it('lists each group once however many records name it, keeping who asked', () => {
    // Prepare
    const items = [
      item('m1', { groups: [{ groupId: 'g1', selection: 'all' }] }),
      item('m2', {
        groups: [
          { groupId: 'g1', selection: 'all' },
          { groupId: 'g2', selection: 'pending' },
        ],
      }),
    ];
    // Act
    const plan = buildPlan(items);
    // Assess
    expect(listingsOf(plan)).toEqual([
      { groupId: 'g1', refs: ['m1', 'm2'] },
      { groupId: 'g2', refs: ['m2'] },
    ]);
    expect(plan.groups.get('g1')?.map((i) => i.ref)).toEqual(['m1', 'm2']);
  });

  it('merges named buses across records', () => {
    const plan = buildPlan([item('m1', { busIds: ['b1', 'b2'] }), item('m2', { busIds: ['b2'] })]);
    expect([...plan.buses.entries()].map(([id, refs]) => [id, [...refs]])).toEqual([
      ['b1', ['m1']],
      ['b2', ['m1', 'm2']],
    ]);
  });

  it('replaces group listings with one listing of the project when a record wants everything', () => {
    const plan = buildPlan([item('t', { everything: 'pending' }), item('m', { groups: [{ groupId: 'g1', selection: 'all' }] })]);
    // The project's listing serves the group's record too: both fail if it fails.
    expect(listingsOf(plan)).toEqual([{ refs: ['t', 'm'] }]);
  });
});

describe('refsSelecting', () => {
  const plan = buildPlan([item('timer', { everything: 'pending' }), item('cts', { groups: [{ groupId: 'g1', selection: 'all' }] })]);

  it('selects a synchronized bus only for an "all" interest in its group', () => {
    expect([...refsSelecting(plan, { bus_id: 'b', group_id: 'g1', status: 'Synchronized' })]).toEqual(['cts']);
    expect([...refsSelecting(plan, { bus_id: 'b', group_id: 'g2', status: 'Synchronized' })]).toEqual([]);
  });

  it('selects a pending bus for every interest that covers it', () => {
    expect([...refsSelecting(plan, { bus_id: 'b', group_id: 'g1', status: 'ToBeSynchronized' })]).toEqual(['timer', 'cts']);
    expect([...refsSelecting(plan, { bus_id: 'b', group_id: 'g2', status: 'Synchronizing' })]).toEqual(['timer']);
  });
});

describe('wantsRealSync', () => {
  it('is false only when every ref asked for a dry run', () => {
    const plan = buildPlan([item('dry', { busIds: ['b'], dryRun: true }), item('real', { busIds: ['b'] })]);
    expect(wantsRealSync(plan, ['dry'])).toBe(false);
    expect(wantsRealSync(plan, ['dry', 'real'])).toBe(true);
  });

  it('syncs for real when records that share a ref (one SQS message holding a batch) disagree on the dry run', () => {
    // Prepare: m1's first record is a dry run of b1, its second a real sync of b2
    const items = [item('m1', { busIds: ['b1'], dryRun: true }), item('m1', { busIds: ['b2'] })];
    // Act
    const plan = buildPlan(items);
    // Assess: a sync is idempotent, a lost one is not: the message counts as real
    expect(wantsRealSync(plan, ['m1'])).toBe(true);
    expect(plan.dryRunRefs.has('m1')).toBe(false);
  });
});
