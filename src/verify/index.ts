/**
 * Verified syncs: polling synced buses until `Synchronized` ("verify": true, SYNC_VERIFY=true), and what a
 * warm instance remembers between timer runs (docs/change-feed.md).
 */
export { compareWithPreviousRun, forgetPreviousRun, MAX_REMEMBERED, type SincePrevious } from './memory';
export type { RoundState, StatusApi } from './round';
export { newRoundState } from './round';
export { VERIFY_FIRST_WAIT_MS, VERIFY_MAX_MS, VERIFY_MAX_WAIT_MS, type Verification, type VerifyOptions, verifySyncs } from './verify';
