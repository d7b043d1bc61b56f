/**
 * The STS client shipped with the Lambda build: only STSClient and GetWebIdentityTokenCommand, from the
 * SDK's ES modules, without the SDK's credential provider chain. Built apart as `dist/lambda/aws-sts.js`
 * (dev/build.ts LAZY_CHUNKS) and loaded only by the aws-federation source: the main bundles never carry it.
 */
export { GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts';
