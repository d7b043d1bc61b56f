import { BaseCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BaseCredentials';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, PUBLIC_ENDPOINT_PATTERN } from '../../src/config';
import { ConfigError } from '../../src/errors';

afterEach(() => vi.unstubAllEnvs());

const configError = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('defaults to the public endpoint of the region, plain signing and documented pacing', () => {
    // Prepare
    vi.stubEnv('IOTDA_REGION', 'cn-north-4');
    // Act
    const config = loadConfig(process.env);
    // Assess
    expect(config).toMatchObject({
      endpoint: 'https://iotda.cn-north-4.myhuaweicloud.com',
      region: 'cn-north-4',
      signing: 'basic',
      concurrency: 256,
      maxRps: 150,
      maxAttempts: 4,
      requestTimeoutMs: 5000,
      deadlineReserveMs: 1500,
      logLevel: 'info',
    });
  });

  it('chooses derived signing for an instance endpoint and reads its region from the host', () => {
    const config = loadConfig({ IOTDA_ENDPOINT: 'https://a1b2c3d4e5.st1.iotda-app.ap-southeast-1.myhuaweicloud.com/' });
    expect(config).toMatchObject({
      signing: 'derived',
      region: 'ap-southeast-1',
      endpoint: 'https://a1b2c3d4e5.st1.iotda-app.ap-southeast-1.myhuaweicloud.com',
    });
  });

  it('lets IOTDA_AUTH force the signing', () => {
    expect(loadConfig({ IOTDA_REGION: 'cn-north-4', IOTDA_AUTH: 'derived' }).signing).toBe('derived');
    expect(loadConfig({ IOTDA_ENDPOINT: 'http://127.0.0.1:8080', IOTDA_AUTH: 'basic' }).signing).toBe('basic');
  });

  it('reads enumerations case-insensitively', () => {
    expect(loadConfig({ IOTDA_REGION: 'cn-north-4', LOG_LEVEL: 'INFO', IOTDA_AUTH: 'Derived' })).toMatchObject({
      logLevel: 'info',
      signing: 'derived',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ IOTDA_REGION: 'cn-east-3', SYNC_CONCURRENCY: '', IOTDA_INSTANCE_ID: ' ' }).concurrency).toBe(256);
  });

  it.each([
    [{}, 'IOTDA_REGION'],
    [{ IOTDA_REGION: 'north' }, 'IOTDA_REGION'],
    [{ IOTDA_REGION: 'cn-north-4', SYNC_CONCURRENCY: '0' }, 'SYNC_CONCURRENCY'],
    [{ IOTDA_REGION: 'cn-north-4', SYNC_CONCURRENCY: 'ten' }, 'SYNC_CONCURRENCY'],
    [{ IOTDA_REGION: 'cn-north-4', SYNC_MAX_RPS: '-1' }, 'SYNC_MAX_RPS'],
    [{ IOTDA_REGION: 'cn-north-4', SYNC_MAX_ATTEMPTS: '11' }, 'SYNC_MAX_ATTEMPTS'],
    [{ IOTDA_REGION: 'cn-north-4', IOTDA_AUTH: 'magic' }, 'IOTDA_AUTH'],
    [{ IOTDA_REGION: 'cn-north-4', LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ IOTDA_REGION: 'cn-north-4', IOTDA_INSTANCE_ID: 'a\r\nX-Evil: 1' }, 'IOTDA_INSTANCE_ID'],
    [{ IOTDA_ENDPOINT: 'http://iotda.example.com' }, 'IOTDA_ENDPOINT'],
    [{ IOTDA_ENDPOINT: 'https://iotda.example.com/v5/iot' }, 'IOTDA_ENDPOINT'],
    [{ IOTDA_ENDPOINT: 'not a url' }, 'IOTDA_ENDPOINT'],
    [{ IOTDA_ENDPOINT: 'https://iotda.example.com' }, 'IOTDA_REGION'],
    [{ IOTDA_REGION: 'cn-north-4', SYNC_CHANGE_FEED: 'push' }, 'SYNC_CHANGE_FEED'],
    [{ IOTDA_REGION: 'cn-north-4', SYNC_CHANGE_LOOKBACK: '30' }, 'SYNC_CHANGE_LOOKBACK'],
    [{ IOTDA_REGION: 'cn-north-4', SYNC_CHANGE_LOOKBACK: '30s' }, 'SYNC_CHANGE_LOOKBACK'],
    [{ IOTDA_REGION: 'cn-north-4', SYNC_CHANGE_LOOKBACK: '8d' }, 'SYNC_CHANGE_LOOKBACK'],
    [{ IOTDA_REGION: 'cn-north-4', CTS_ENDPOINT: 'http://cts.example.com' }, 'CTS_ENDPOINT'],
    [{ IOTDA_REGION: 'cn-north-4', CTS_ENDPOINT: 'https://cts.example.com/v3' }, 'CTS_ENDPOINT'],
    [{ IOTDA_ENDPOINT: 'http://127.0.0.1:8080', IOTDA_AUTH: 'basic', SYNC_CHANGE_FEED: 'cts' }, 'CTS_ENDPOINT'],
    [{ IOTDA_REGION: 'cn-north-4', SYNC_VERIFY: 'yes' }, 'SYNC_VERIFY'],
  ])('names the variable at fault for %j', (env, variable) => {
    const error = configError(env);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it.each([
    [{ SYNC_CONCURRENCY: '0' }, 'SYNC_CONCURRENCY: must be a whole number from 1 to 512'],
    [{ SYNC_CONCURRENCY: '513' }, 'SYNC_CONCURRENCY: must be a whole number from 1 to 512'],
    [{ SYNC_CONCURRENCY: 'ten' }, 'SYNC_CONCURRENCY: must be a whole number from 1 to 512'],
    [{ SYNC_MAX_RPS: '2000' }, 'SYNC_MAX_RPS: must be a number from 0.1 to 1000'],
    [{ SYNC_MAX_ATTEMPTS: '1.5' }, 'SYNC_MAX_ATTEMPTS: must be a whole number from 1 to 10'],
    [{ SYNC_REQUEST_TIMEOUT_MS: '50' }, 'SYNC_REQUEST_TIMEOUT_MS: must be a whole number from 100 to 60000'],
    [{ SYNC_DEADLINE_RESERVE_MS: '-1' }, 'SYNC_DEADLINE_RESERVE_MS: must be a whole number from 250 to 60000'],
    // A floor: with no reserve the handler answered after the platform's deadline (issue 9).
    [{ SYNC_DEADLINE_RESERVE_MS: '0' }, 'SYNC_DEADLINE_RESERVE_MS: must be a whole number from 250 to 60000'],
    [{ SYNC_DEADLINE_RESERVE_MS: '249' }, 'SYNC_DEADLINE_RESERVE_MS: must be a whole number from 250 to 60000'],
  ])('says the range of a number setting: %j', (env, message) => {
    expect(configError({ IOTDA_REGION: 'cn-north-4', ...env }).message).toBe(message);
  });

  it("leaves the change feed and verification off, looking back 30 minutes at the region's CTS by default", () => {
    expect(loadConfig({ IOTDA_REGION: 'cn-north-4' })).toMatchObject({
      changeFeed: 'off',
      lookbackMs: 30 * 60_000,
      ctsEndpoint: 'https://cts.cn-north-4.myhuaweicloud.com',
      verify: false,
    });
  });

  it('reads the change feed and verification settings (enumerations case-insensitively)', () => {
    const env = {
      IOTDA_ENDPOINT: 'http://127.0.0.1:8080',
      IOTDA_AUTH: 'basic',
      SYNC_CHANGE_FEED: 'CTS',
      SYNC_CHANGE_LOOKBACK: '1h30m',
      CTS_ENDPOINT: 'http://127.0.0.1:8080/',
      SYNC_VERIFY: 'True',
    };
    expect(loadConfig(env)).toMatchObject({
      changeFeed: 'cts',
      lookbackMs: 90 * 60_000,
      ctsEndpoint: 'http://127.0.0.1:8080',
      verify: true,
    });
  });

  it('decides "public endpoint" exactly as sdk-core does', () => {
    // Assess: the copied pattern is sdk-core's, character for character.
    expect(PUBLIC_ENDPOINT_PATTERN.source).toBe(
      (BaseCredentials as unknown as { DEFAULT_ENDPOINT_REG: RegExp }).DEFAULT_ENDPOINT_REG.source,
    );
  });
});
