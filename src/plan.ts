import { Selection, type SoftBus, type WorkItem } from './types';

/** One record's interest in a listing: which buses it selects. */
export interface Interest {
  ref: string;
  selection: Selection;
}

/**
 * Everything one invocation must do, coalesced across the records of a batch: each group is listed
 * once, each bus synced once, and every bus keeps the refs of the records that asked for it.
 */
export interface Plan {
  /** Buses named directly, with the refs that named them. */
  buses: Map<string, Set<string>>;
  /** Groups to list, with who asked and for which buses. */
  groups: Map<string, Interest[]>;
  /** Interests in a listing of the whole project; when present it replaces the group listings. */
  everything: Interest[];
  /**
   * Refs whose every record asked for a dry run: their buses are planned, not synced, unless another ref wants
   * them. A ref whose records disagree (one SQS message holding a batch) counts as real: a sync is idempotent, a
   * lost one is not, and the platform can only retry the message as a whole.
   */
  dryRunRefs: Set<string>;
}

/** A listing to make: a group's, or the whole project's (`groupId` undefined), and the refs it serves. */
export interface Listing {
  groupId?: string;
  refs: string[];
}

/**
 * Coalesces work items into one plan.
 * @example buildPlan([{ ref: 'a', busIds: [], groups: [{ groupId: 'g1', selection: 'all' }], dryRun: false }])
 */
export function buildPlan(items: readonly WorkItem[]): Plan {
  const plan: Plan = { buses: new Map(), groups: new Map(), everything: [], dryRunRefs: new Set() };
  const realRefs = new Set<string>();
  for (const item of items) {
    (item.dryRun ? plan.dryRunRefs : realRefs).add(item.ref);
    for (const busId of item.busIds) addTo(plan.buses, busId, item.ref);
    for (const { groupId, selection } of item.groups) {
      const interests = plan.groups.get(groupId) ?? [];
      interests.push({ ref: item.ref, selection });
      plan.groups.set(groupId, interests);
    }
    if (item.everything) plan.everything.push({ ref: item.ref, selection: item.everything });
  }
  for (const ref of realRefs) plan.dryRunRefs.delete(ref);
  return plan;
}

/**
 * The listings to make: one of the whole project (which also serves every group asked for), or one per group.
 * @example listingsOf(buildPlan([{ ref: 'a', busIds: [], groups: [], everything: 'pending', dryRun: false }])) // [{ refs: ['a'] }]
 */
export function listingsOf(plan: Plan): Listing[] {
  if (plan.everything.length > 0) {
    const interests = [...plan.everything, ...[...plan.groups.values()].flat()];
    return [{ refs: [...new Set(interests.map((interest) => interest.ref))] }];
  }
  return [...plan.groups].map(([groupId, interests]) => ({ groupId, refs: [...new Set(interests.map((interest) => interest.ref))] }));
}

/**
 * The refs that select a listed bus: those whose selection it meets (a `pending` selection skips
 * buses already `Synchronized`). A group's listing trusts the service's filter: every bus it returns
 * is the group's, whatever its `group_id` says (an answer may omit it). The whole-project listing serves
 * its own interests and those of the bus's group.
 * @example refsSelecting(plan, { bus_id: 'b1', status: 'Synchronized' }, 'g1') // the refs of g1 with selection 'all'
 */
export function refsSelecting(plan: Plan, bus: SoftBus, listingGroupId?: string): Set<string> {
  const refs = new Set<string>();
  const interests =
    listingGroupId !== undefined
      ? (plan.groups.get(listingGroupId) ?? [])
      : [...plan.everything, ...(bus.group_id ? (plan.groups.get(bus.group_id) ?? []) : [])];
  for (const { ref, selection } of interests) {
    if (selection === Selection.All || bus.status !== 'Synchronized') refs.add(ref);
  }
  return refs;
}

/**
 * `refsSelecting` remembered per (listing or planned group, synchronized or not): the buses of a listing
 * share a few sets of refs instead of holding one each (10,000 sets in a large reconcile). The memory
 * holds at most two sets per planned group and two more, whatever group IDs an answer carries. The sets
 * are shared: read only.
 * @example const select = refsSelector(plan); select(bus, 'g1') === select(otherBusOfTheSameStatus, 'g1') // true
 */
export function refsSelector(plan: Plan): (bus: SoftBus, listingGroupId?: string) => ReadonlySet<string> {
  const memo = new Map<string, ReadonlySet<string>>();
  return (bus, listingGroupId) => {
    const group = listingGroupId ?? (bus.group_id !== undefined && plan.groups.has(bus.group_id) ? bus.group_id : undefined);
    const key = `${bus.status === 'Synchronized' ? 's' : 'p'}${listingGroupId === undefined ? '*' : 'g'}${group ?? ''}`;
    let refs = memo.get(key);
    if (!refs) {
      refs = refsSelecting(plan, { ...bus, group_id: group }, listingGroupId);
      memo.set(key, refs);
    }
    return refs;
  };
}

/** Whether any of the refs wants a real sync (not only dry runs). @example wantsRealSync(plan, ['m1']) */
export function wantsRealSync(plan: Plan, refs: Iterable<string>): boolean {
  for (const ref of refs) if (!plan.dryRunRefs.has(ref)) return true;
  return false;
}

function addTo(map: Map<string, Set<string>>, key: string, ref: string): void {
  const refs = map.get(key) ?? new Set<string>();
  refs.add(ref);
  map.set(key, refs);
}
