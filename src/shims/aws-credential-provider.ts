/**
 * Stands in for `@aws-sdk/credential-provider-node` in the bundled STS client (dev/build.ts
 * LAZY_CHUNKS): the function always passes the Lambda role's keys to the client itself, so the SDK's
 * provider chain (environment, SSO, ini files, container, IMDS) is never asked. Asked anyway, it says so.
 */
export const defaultProvider = () => async (): Promise<never> => {
  throw new Error('softbus-sync passes the role credentials explicitly; the AWS SDK provider chain is not bundled');
};
