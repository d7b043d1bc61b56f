import type { Envelope } from '../envelope';

/**
 * IoTDA's push (rule engine forwarding, the FunctionGraph IoTDA trigger): no resource it pushes
 * describes a device group change, so it is ignored with the reason.
 * @example iotdaPush.open({ resource: 'device.status', event: 'update', notify_data: {} }, { path: '' }, nested)
 */
export const iotdaPush = {
  trigger: 'iotda-push',
  asynchronous: false,
  shape: 'an IoTDA push {"resource":…,"notify_data":…}',
  matches: (value) => 'notify_data' in value && 'resource' in value,
  describe: (value) => `an IoTDA push (${String(value.resource)}): no group change in it, the function ignores it`,
  open: (value, at) => [
    {
      kind: 'ignored',
      ref: at.ref ?? 'iotda-push',
      reason: `IoTDA push (${typeof value.resource === 'string' ? value.resource : 'unknown resource'}): IoTDA pushes carry no device group change`,
    },
  ],
} as const satisfies Envelope;
