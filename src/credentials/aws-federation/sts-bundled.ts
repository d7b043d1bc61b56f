/**
 * The STS client bundled with the function, for a Lambda runtime whose own AWS SDK predates
 * GetWebIdentityToken (@aws-sdk/client-sts < 3.936.0). Built apart as `dist/lambda/aws-sts.js` (see
 * dev/build.ts LAZY_CHUNKS) and loaded only then: the main bundles never carry it.
 */
export { GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts';
