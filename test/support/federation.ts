/**
 * A keyless Lambda for the end-to-end suites: the STS stand-in (the Lambda role's STS) and the sample
 * emulator with NO permanent key, whose IAM trusts the stand-in's issuer as deploy/terraform/federation-huawei
 * configures it; the function's environment set for HUAWEICLOUD_CREDENTIALS=aws-federation. Every JWT,
 * federated token and key minted during the test joins the test's secret scan.
 */
import { onTestFinished, vi } from 'vitest';
import { type Emulator, type EmulatorOptions, type IdentityProviderConfig, type StsStandIn, startStsStandIn } from '../../emulator';
import { AUDIENCE, AWS_REGION, IDP_ID, identityProviderFor, LAMBDA_ROLE, OTHER_ROLE } from '../emulator/federation-fixture';
import type { useE2E } from './e2e';

export interface KeylessLambda {
  sts: StsStandIn;
  em: Emulator;
}

/**
 * @example const { sts, em } = await keylessLambda(e2e); const answer = await e2e.invoke('lambda', event, { noKeys: true });
 */
export async function keylessLambda(
  e2e: ReturnType<typeof useE2E>,
  options: { idp?: Partial<IdentityProviderConfig>; emulator?: Partial<EmulatorOptions>; env?: Record<string, string> } = {},
): Promise<KeylessLambda> {
  const sts = await startStsStandIn({ region: AWS_REGION, credentials: [LAMBDA_ROLE, OTHER_ROLE] });
  onTestFinished(() => sts.close());
  const iam = { identityProviders: [identityProviderFor(sts, options.idp)] };
  const em = await e2e.setUp(
    { credentials: [], iam, ...options.emulator },
    {
      // What the Lambda runtime sets for the role, and the SDK's endpoint setting for the stand-in.
      AWS_REGION,
      AWS_ACCESS_KEY_ID: LAMBDA_ROLE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LAMBDA_ROLE.secretAccessKey,
      AWS_SESSION_TOKEN: LAMBDA_ROLE.sessionToken ?? '',
      AWS_ENDPOINT_URL_STS: sts.url,
      HUAWEICLOUD_CREDENTIALS: 'aws-federation',
      HUAWEICLOUD_IDP_ID: IDP_ID,
      HUAWEICLOUD_FEDERATION_AUDIENCE: AUDIENCE,
      ...options.env,
    },
  );
  if (!options.env?.HUAWEICLOUD_IAM_ENDPOINT) vi.stubEnv('HUAWEICLOUD_IAM_ENDPOINT', em.url);
  e2e.scanAlsoFor(() => {
    const issued = em.iam?.issued();
    const keys = issued?.credentials.flatMap((c) => [c.ak, c.sk, c.securityToken]) ?? [];
    return [...sts.issuedTokens(), ...(issued?.subjectTokens ?? []), ...keys, LAMBDA_ROLE.secretAccessKey, LAMBDA_ROLE.sessionToken ?? ''];
  });
  return { sts, em };
}

/** The emulator's IoTDA calls (list, show, sync, reset): none may be made when the keys could not be had. */
export const iotdaCalls = (em: Emulator) => em.calls.filter((call) => !call.route.startsWith('iam-'));
