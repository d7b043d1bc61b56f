import { describe, expect, it } from 'vitest';
import { credentialSourceOf, requireSecretId } from '../../src/credentials/source';
import { ConfigError } from '../../src/errors';

describe('HUAWEICLOUD_CREDENTIALS (the Lambda build’s key source)', () => {
  it('auto: the secret when HUAWEICLOUD_SDK_SECRET_ID names one, else the variables', () => {
    expect(credentialSourceOf({})).toBe('environment');
    expect(credentialSourceOf({ HUAWEICLOUD_SDK_SECRET_ID: '  ' })).toBe('environment');
    expect(credentialSourceOf({ HUAWEICLOUD_SDK_SECRET_ID: 'softbus-sync/huawei' })).toBe('secrets-manager');
    expect(credentialSourceOf({ HUAWEICLOUD_CREDENTIALS: 'AUTO', HUAWEICLOUD_SDK_SECRET_ID: 's' })).toBe('secrets-manager');
  });

  it('takes an explicit source as it is, whatever else is set (case-insensitive)', () => {
    for (const source of ['environment', 'secrets-manager', 'secrets-extension', 'aws-federation'] as const) {
      expect(credentialSourceOf({ HUAWEICLOUD_CREDENTIALS: source.toUpperCase(), HUAWEICLOUD_SDK_SECRET_ID: 's' })).toBe(source);
    }
  });

  it('refuses an unknown source, naming the variable and the choices', () => {
    // act
    const error = (() => {
      try {
        credentialSourceOf({ HUAWEICLOUD_CREDENTIALS: 'vault' });
      } catch (caught) {
        return caught;
      }
    })();
    // assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('HUAWEICLOUD_CREDENTIALS');
    expect((error as Error).message).toContain('auto, environment, secrets-manager, secrets-extension, aws-federation');
  });

  it('a secret source without a secret name says which variable to set', () => {
    expect(() => requireSecretId({}, 'secrets-extension')).toThrow(
      /HUAWEICLOUD_SDK_SECRET_ID: required with HUAWEICLOUD_CREDENTIALS=secrets-extension/,
    );
    expect(requireSecretId({ HUAWEICLOUD_SDK_SECRET_ID: ' a/b ' }, 'secrets-manager')).toBe('a/b');
  });
});
