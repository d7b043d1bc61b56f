/**
 * The fault matrix's keyless-Lambda rows (HUAWEICLOUD_CREDENTIALS=aws-federation): one fault per way a
 * step of the exchange can fail (STS, IAM ID token, IAM temporary keys) and the transient ones that a
 * retry or a renewal absorbs, through the built Lambda bundle. Run by fault-matrix.test.ts, which
 * renders the observed rows into FAULT-MATRIX.md.
 */
import { expect } from 'vitest';
import { StsErrorCode } from '../../emulator';
import { mustReport, type useE2E } from '../support/e2e';
import { SAMPLE_BUS } from '../support/events';
import { iotdaCalls, type KeylessLambda, keylessLambda } from '../support/federation';

export interface FederationFault {
  fault: string;
  arrange?: (k: KeylessLambda) => void;
  setup?: Parameters<typeof keylessLambda>[1];
  /** What the report must say: the failed step and reason, or `ok` when the fault was absorbed. */
  expected: { outcome: 'ok' | 'failed'; step?: string; reason?: string; status?: number | '-'; attempts: number };
}

export interface FederationObserved {
  outcome: string;
  step: string;
  reason: string;
  status: number | '-';
  attempts: number;
  iotdaCalls: number;
}

const failed = (step: string, reason: string, status: number | '-', attempts: number) =>
  ({ outcome: 'failed', step, reason, status, attempts }) as const;
const ok = (attempts: number) => ({ outcome: 'ok', attempts }) as const;
const EXPIRED = { error_code: 'IOTDA.000002', error_msg: 'Authentication failed: the temporary access key has expired' };
const onlyRole = (arn: string) => ({ rules: [{ local: [{ user: { name: 'x' } }], remote: [{ type: 'sub', any_one_of: [arn] }] }] });

export const FEDERATION_FAULTS: FederationFault[] = [
  {
    fault: 'STS: the role’s keys not in the environment',
    setup: { env: { AWS_ACCESS_KEY_ID: '' } },
    expected: failed('sts', 'sts-credentials-missing', '-', 0),
  },
  {
    fault: 'STS: AccessDenied (no sts:GetWebIdentityToken for the audience)',
    arrange: (k) => k.sts.addFault({ code: StsErrorCode.AccessDenied }),
    expected: failed('sts', 'sts-denied', 403, 1),
  },
  {
    fault: 'STS: outbound identity federation disabled',
    arrange: (k) => k.sts.setFederationEnabled(false),
    expected: failed('sts', 'federation-disabled', 403, 1),
  },
  {
    fault: 'STS: Throttling, always',
    arrange: (k) => k.sts.addFault({ code: StsErrorCode.Throttling }),
    expected: failed('sts', 'sts-failed', 400, 3),
  },
  { fault: 'STS: Throttling, once', arrange: (k) => k.sts.addFault({ code: StsErrorCode.Throttling, times: 1 }), expected: ok(2) },
  {
    fault: 'IAM ID token: unknown identity provider',
    setup: { env: { HUAWEICLOUD_IDP_ID: 'not-the-idp' } },
    expected: failed('id-token', 'idp-unknown', 404, 1),
  },
  {
    fault: 'IAM ID token: audience is not the client ID',
    setup: { idp: { clientId: 'another-audience' } },
    expected: failed('id-token', 'jwt-rejected', 401, 1),
  },
  {
    fault: 'IAM ID token: signing key rotated, JWKS copy stale',
    arrange: (k) => k.sts.issuer.rotateKeys(),
    expected: failed('id-token', 'jwt-rejected', 401, 1),
  },
  {
    fault: 'IAM ID token: the rule admits another role',
    setup: { idp: onlyRole('arn:aws:iam::123456789012:role/someone-else') },
    expected: failed('id-token', 'mapping-rejected', 401, 1),
  },
  {
    fault: 'IAM ID token: 503, always',
    arrange: (k) => k.em.addFault({ route: 'iam-id-token', status: 503 }),
    expected: failed('id-token', 'id-token-failed', 503, 3),
  },
  { fault: 'IAM ID token: 503, once', arrange: (k) => k.em.addFault({ route: 'iam-id-token', status: 503, times: 1 }), expected: ok(2) },
  {
    fault: 'IAM temporary keys: token refused (401)',
    arrange: (k) => k.em.addFault({ route: 'iam-security-token', status: 401 }),
    expected: failed('temporary-keys', 'temporary-keys-rejected', 401, 1),
  },
  {
    fault: 'IAM temporary keys: 503, always',
    arrange: (k) => k.em.addFault({ route: 'iam-security-token', status: 503 }),
    expected: failed('temporary-keys', 'temporary-keys-failed', 503, 3),
  },
  {
    fault: 'IAM temporary keys: connection reset, once',
    arrange: (k) => k.em.addFault({ route: 'iam-security-token', reset: true, times: 1 }),
    expected: ok(2),
  },
  {
    fault: 'IoTDA: 401 IOTDA.000002 on the sync, once (keys expired): renewed once (exchanges counted)',
    arrange: (k) => k.em.addFault({ route: 'sync', busId: SAMPLE_BUS, status: 401, body: EXPIRED, times: 1 }),
    expected: ok(2),
  },
];

/** How many requests the step that matters made: the failed step's attempts, else the retried call's. */
function attemptsOf(k: KeylessLambda, fault: FederationFault): number {
  const name = fault.fault.split(':')[0];
  if (name === 'STS' || name === 'IoTDA') return k.sts.calls.length;
  const route = name === 'IAM ID token' ? 'iam-id-token' : 'iam-security-token';
  return k.em.calls.filter((call) => call.route === route).length;
}

/**
 * Runs one fault: a manual resync of one bus through the Lambda bundle with no key configured; asserts
 * the report against the expectation and, for a failure, that IoTDA was never called.
 * @example const observed = await runFederationFault(e2e, FEDERATION_FAULTS[0], ENV);
 */
export async function runFederationFault(
  e2e: ReturnType<typeof useE2E>,
  fault: FederationFault,
  env: Record<string, string>,
): Promise<FederationObserved> {
  const k = await keylessLambda(e2e, { ...fault.setup, env: { ...env, ...fault.setup?.env } });
  fault.arrange?.(k);
  const report = mustReport(await e2e.invoke('lambda', { kind: 'resync', busIds: [SAMPLE_BUS] }, { noKeys: true }));
  const credentials = report.error?.credentials;
  const observed: FederationObserved = {
    outcome: report.outcome,
    step: credentials?.step ?? '-',
    reason: credentials?.reason ?? '-',
    status: credentials ? (credentials.status ?? '-') : '-',
    attempts: credentials ? credentials.attempts : attemptsOf(k, fault),
    iotdaCalls: iotdaCalls(k.em).length,
  };
  const { expected } = fault;
  expect(observed).toMatchObject({
    outcome: expected.outcome,
    attempts: expected.attempts,
    ...(expected.step ? { step: expected.step, reason: expected.reason, status: expected.status, iotdaCalls: 0 } : {}),
  });
  if (expected.outcome === 'ok') expect(report.synced).toEqual([SAMPLE_BUS]);
  return observed;
}

/** The Markdown section of FAULT-MATRIX.md for these rows. */
export function renderFederationRows(rows: Array<{ fault: string; observed: FederationObserved }>): string[] {
  if (rows.length === 0) return [];
  return [
    '',
    '## Keyless Lambda (`HUAWEICLOUD_CREDENTIALS=aws-federation`): each step of the exchange',
    '',
    'The Lambda bundle with no AK/SK anywhere: the role’s JWT from the STS stand-in, traded at the emulator’s IAM',
    'for temporary keys (docs/federation.md). A manual resync of one bus; "attempts" counts the requests of the step',
    'that failed (or of the call that was retried); "IoTDA calls" must be 0 whenever the keys could not be had.',
    '',
    '| fault | outcome | step | reason | status | attempts | IoTDA calls |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      ({ fault, observed: o }) => `| ${fault} | ${o.outcome} | ${o.step} | ${o.reason} | ${o.status} | ${o.attempts} | ${o.iotdaCalls} |`,
    ),
  ];
}
