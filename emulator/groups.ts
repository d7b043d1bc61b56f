/**
 * Device group membership, minimally: which device IDs each group holds. Any well-formed device ID counts as
 * a registered device (the emulator has no device registry). Implements CreateOrDeleteDeviceInGroup.
 */

import { type Answer, fail } from './buses.js';
import { ErrorCode } from './errors.js';
import { DEVICE_ID_PATTERN, GROUP_ID_PATTERN, MAX_DEVICES_PER_GROUP, MAX_GROUPS_PER_DEVICE } from './fleet.js';
import type { Group } from './types.js';

/** The two values of `action_id`. */
export const GroupAction = { AddDevice: 'addDevice', RemoveDevice: 'removeDevice' } as const;
export type GroupAction = (typeof GroupAction)[keyof typeof GroupAction];

/** The outcome of a manage-devices call: the answer, and whether the membership really changed. */
export interface ManageOutcome extends Answer {
  changed: boolean;
}

/**
 * @example const groups = new GroupTable(fleet.groups); groups.manage('g1', new Map([['action_id', ['addDevice']], ['device_id', ['d1']]]))
 */
export class GroupTable {
  private readonly members = new Map<string, Set<string>>();
  private readonly names = new Map<string, string>();
  /** How many groups each device is in (IoTDA allows 10). */
  private readonly groupCount = new Map<string, number>();

  constructor(groups: readonly Group[]) {
    for (const group of groups) {
      this.members.set(group.group_id, new Set(group.devices ?? []));
      this.names.set(group.group_id, group.name);
      for (const id of group.devices ?? []) this.groupCount.set(id, (this.groupCount.get(id) ?? 0) + 1);
    }
  }

  name(groupId: string): string | undefined {
    return this.names.get(groupId);
  }

  devices(groupId: string): string[] | undefined {
    const set = this.members.get(groupId);
    return set && [...set].sort();
  }

  /**
   * Adds or removes one device. Checks, in order: the group ID, `action_id`, `device_id` (400 `IOTDA.000006`),
   * the group (404), then the action: adding a member again is a 200 that changes nothing; removing a device
   * that is not a member is a 404; the documented limits (20,000 devices, 10 groups per device) are 400s.
   */
  manage(groupId: string, params: Map<string, string[]>): ManageOutcome {
    const refuse = (answer: Answer): ManageOutcome => ({ ...answer, changed: false });
    if (!GROUP_ID_PATTERN.test(groupId)) return refuse(fail(400, ErrorCode.InvalidInput, 'group_id must be 1-64 letters, digits, _ or -'));
    const action = params.get('action_id')?.[0];
    if (action !== GroupAction.AddDevice && action !== GroupAction.RemoveDevice)
      return refuse(fail(400, ErrorCode.InvalidInput, 'action_id must be addDevice or removeDevice'));
    const deviceId = params.get('device_id')?.[0] ?? '';
    if (!DEVICE_ID_PATTERN.test(deviceId))
      return refuse(fail(400, ErrorCode.InvalidInput, 'device_id must be 1-128 letters, digits, _ or -'));
    const set = this.members.get(groupId);
    if (!set) return refuse(fail(404, ErrorCode.NotFound, 'The device group does not exist'));
    const count = this.groupCount.get(deviceId) ?? 0;
    if (action === GroupAction.RemoveDevice) {
      if (!set.delete(deviceId)) return refuse(fail(404, ErrorCode.NotFound, 'The device is not in this device group'));
      this.groupCount.set(deviceId, count - 1);
      return { status: 200, body: '', changed: true };
    }
    if (set.has(deviceId)) return { status: 200, body: '', changed: false };
    if (set.size >= MAX_DEVICES_PER_GROUP)
      return refuse(fail(400, ErrorCode.InvalidInput, `a device group holds at most ${MAX_DEVICES_PER_GROUP} devices`));
    if (count >= MAX_GROUPS_PER_DEVICE)
      return refuse(fail(400, ErrorCode.InvalidInput, `a device can be in at most ${MAX_GROUPS_PER_DEVICE} device groups`));
    set.add(deviceId);
    this.groupCount.set(deviceId, count + 1);
    return { status: 200, body: '', changed: true };
  }
}
