/**
 * The fake project and keys of the stand-alone emulator and the demo. They are test values, printed on
 * purpose so that anyone can sign requests against a local emulator.
 */
import type { EmulatorCredential } from './types.js';

const permanent: EmulatorCredential = { ak: 'EMULATORDEMOAK000001', sk: 'emulator-demo-secret-key-000001' };
const temporary: EmulatorCredential = {
  ak: 'EMULATORDEMOAKTEMP01',
  sk: 'emulator-demo-secret-key-temp01',
  securityToken: 'emulator-demo-security-token-01',
};

export const DEMO = {
  projectId: '0d0e5f1a2b3c4d5e6f708192a3b4c5d6',
  region: 'cn-north-4',
  /** A permanent key. */
  permanent,
  /** A temporary key: requests must carry its token, signed. */
  temporary,
  credentials: [permanent, temporary],
} as const;
