import * as z from '../zod';

/** How far back a timer's change feed looks by default: 30 minutes (twice the 15-minute timer). */
export const DEFAULT_LOOKBACK_MS = 30 * 60_000;
/** CTS keeps traces seven days: a window cannot reach further back. */
export const MAX_LOOKBACK_MS = 7 * 24 * 3600_000;
const MIN_LOOKBACK_MS = 60_000;

const UNIT_MS: Record<string, number> = { d: 24 * 3600_000, h: 3600_000, m: 60_000, s: 1000 };
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * A duration such as `30m`, `2h`, `1h30m`, `90s` or `1d`, in ms; undefined when it is not one.
 * @example durationMs('1h30m') // 5_400_000
 */
export function durationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toLowerCase());
  if (!match || text.trim() === '') return undefined;
  return ['d', 'h', 'm', 's'].reduce((sum, unit, index) => sum + Number(match[index + 1] ?? 0) * (UNIT_MS[unit] ?? 0), 0);
}

/** SYNC_CHANGE_LOOKBACK: a duration from one minute to seven days (CTS's retention). */
export const LookbackSchema = z._default(
  z
    .pipe(
      z.string().check(z.refine((text) => durationMs(text) !== undefined, 'must be a duration such as 30m, 2h or 1h30m')),
      z.transform((text) => durationMs(text) ?? DEFAULT_LOOKBACK_MS),
    )
    .check(
      z.minimum(MIN_LOOKBACK_MS, 'must be at least 1m'),
      z.maximum(MAX_LOOKBACK_MS, 'must be at most 7d (CTS keeps traces seven days)'),
    ),
  DEFAULT_LOOKBACK_MS,
);

/**
 * CTS's public endpoint of a region, as the official SDKs list it (CtsRegion.ts): `cts.{region}.myhuaweicloud.com`
 * (eu-west-101's ends in `.eu`, but IOTDA_REGION does not accept that region's three-digit form: set CTS_ENDPOINT).
 * @example defaultCtsEndpoint('cn-north-4') // 'https://cts.cn-north-4.myhuaweicloud.com'
 */
export function defaultCtsEndpoint(region: string): string {
  return `https://cts.${region}.myhuaweicloud.com`;
}
