/**
 * The emulator's own crypto and encoding agree byte for byte with sdk-core's.
 */
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { HKDF } from '@huaweicloud/huaweicloud-sdk-core/auth/HKDF';
import { expect, test } from 'vitest';
import { canonicalQuery, canonicalUri, signEncode } from '../../emulator/canonical.js';
import { derivedSigningKey, parseSdkDate } from '../../emulator/signature.js';

const sdk = AKSKSigner as unknown as {
  urlEncode(s: string): string;
  CanonicalURI(s: string): string;
  CanonicalQueryString(r: unknown): string;
};
const SAMPLES = ['plain-ID_1.2~', 'a b', "*'()!", 'ü€😀', '%2F/=&?#', ''];

test('derived signing key equals sdk-core HKDF', () => {
  // prepare
  const scope = '20240102/cn-north-4/iotdm';
  // act
  const ours = derivedSigningKey('AKEXAMPLE', 'SKEXAMPLE', scope);
  // assess
  expect(ours).toBe(HKDF.getDerKeySHA256('AKEXAMPLE', 'SKEXAMPLE', scope));
});

test.each(SAMPLES)('signEncode(%j) equals sdk-core urlEncode', (text) => {
  expect(signEncode(text)).toBe(sdk.urlEncode(text));
});

test('canonical URI equals sdk-core for a path with an encoded segment', () => {
  const path = '/v5/iot/p1/harmony-soft-bus/ab%2Fcd/sync';
  expect(canonicalUri(path)).toBe(sdk.CanonicalURI(path));
});

test('canonical query sorts keys and repeated values like sdk-core', () => {
  const params = { z: 'last', a: ['2', '1'], m: 'a b' };
  expect(canonicalQuery('z=last&a=2&a=1&m=a+b')).toBe(sdk.CanonicalQueryString({ queryParams: params }));
});

test('parseSdkDate rejects impossible dates instead of rolling them over', () => {
  expect(parseSdkDate('20240230T000000Z')).toBeUndefined();
  expect(parseSdkDate('20240229T235959Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
});
