import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONFIG_ENV_NAMES, CREDENTIAL_ENV_NAMES, loadConfig } from '../../src/config';
import { durationMs } from '../../src/feed';
import { HuaweiServerlessConfig } from './schemas/huawei-functions';
import { loadServerlessConfig, resolveHandler } from './serverless-config';

// What the timer's userEvent may hold (issue 2: the FunctionGraph timer options).
const TimerOptions = z.strictObject({
  scope: z.enum(['pending', 'all']).optional(),
  groupIds: z.array(z.string().min(1)).max(1000).optional(),
  dryRun: z.boolean().optional(),
});

function load(env: Record<string, string> = {}) {
  const { raw, resolved } = loadServerlessConfig('serverless.yml', env);
  const config = HuaweiServerlessConfig.parse(resolved);
  const [name, fn] = Object.entries(config.functions)[0] ?? [];
  if (!name || !fn) throw new Error('serverless.yml defines no function');
  const rawFn = (raw.functions as Record<string, Record<string, unknown>>)[name] ?? {};
  return { config, fn, rawFn };
}

describe('serverless.yml (FunctionGraph)', () => {
  it('validates against the plugin schema with the default values', () => {
    // act
    const { config, fn } = load();
    // assess
    expect(config.provider.runtime).toBe('Node.js20.15');
    expect(fn.runtime ?? config.provider.runtime).toBe('Node.js20.15');
    expect(config.package.artifact).toBe('dist/softbus-sync-functiongraph.zip');
    expect(fn.code?.codeUri).toBe('dist/functiongraph');
  });

  it('points the handler at an exported function of the built bundle', () => {
    // prepare
    const { fn } = load();
    // act
    const handler = resolveHandler('dist/functiongraph', fn.handler);
    // assess
    expect(fn.handler).toBe('index.handler');
    expect(typeof handler).toBe('function');
  });

  it('leaves a reconcile room within the synchronous limit', () => {
    // prepare
    const { fn } = load();
    // assess: long enough for a reconcile, and the deadline reserve fits inside it
    expect(fn.timeout).toBeGreaterThanOrEqual(60);
    expect(fn.timeout).toBeLessThanOrEqual(900);
    expect(Number(fn.environment.variables.SYNC_DEADLINE_RESERVE_MS)).toBeLessThan(fn.timeout * 1000);
  });

  it('has a reconcile timer whose userEvent is valid timer options', () => {
    // prepare
    const { fn } = load();
    // act
    const timers = fn.events.filter((event) => event.triggerTypeCode === 'TIMER');
    // assess
    expect(timers).toHaveLength(1);
    const data = timers[0]?.eventData as { userEvent?: string; schedule: string };
    expect(TimerOptions.parse(JSON.parse(data.userEvent ?? '')).scope).toBe('pending');
  });

  it('rejects a schedule that does not fit its type', () => {
    // act
    const result = HuaweiServerlessConfig.safeParse(loadServerlessConfig('serverless.yml', { SOFTBUS_TIMER_SCHEDULE: '90m' }).resolved);
    // assess
    expect(result.success).toBe(false);
  });

  it('subscribes CTS to the IoTDA device-group operations the function acts on', () => {
    // prepare
    const { fn } = load();
    // act
    const cts = fn.events.filter((event) => event.triggerTypeCode === 'CTS');
    const operations = (cts[0]?.eventData as { operations?: string[] } | undefined)?.operations;
    // assess
    expect(cts).toHaveLength(1);
    expect(operations).toEqual(['IoTDA:device-group:addDeviceGroup;updateDeviceGroup;manageDevicesInGroup']);
  });

  it('sets exactly the configuration variables of src/config.ts, and no credentials', () => {
    // prepare
    const { fn } = load();
    const names = Object.keys(fn.environment.variables);
    // assess: the agency provides the keys; every setting is visible to the operator
    expect(names.sort()).toEqual([...CONFIG_ENV_NAMES].sort());
    for (const name of CREDENTIAL_ENV_NAMES) expect(names).not.toContain(name);
  });

  it('has defaults that the function accepts', () => {
    // prepare
    const { fn } = load();
    // act
    const config = loadConfig(fn.environment.variables);
    // assess
    expect(config.endpoint).toBe('https://iotda.cn-north-4.myhuaweicloud.com');
  });

  it('caps the instances (issue 9): SYNC_MAX_RPS is per instance, so all of them together stay within one default ceiling', () => {
    // prepare
    const { fn } = load();
    // act
    const instances = fn.concurreny ?? Number.POSITIVE_INFINITY;
    const perInstance = loadConfig(fn.environment.variables).maxRps;
    // assess
    expect(instances).toBe(2);
    expect(instances * perInstance).toBeLessThanOrEqual(loadConfig({ IOTDA_REGION: 'cn-north-4' }).maxRps);
  });

  it('reads the change feed on every timer run, looking back over two timer periods', () => {
    // prepare
    const { fn } = load();
    const timer = fn.events.find((event) => event.triggerTypeCode === 'TIMER')?.eventData as { schedule: string };
    // act
    const config = loadConfig(fn.environment.variables);
    // assess: two runs see every change, even when CTS delivers it a minute late
    expect(config.changeFeed).toBe('cts');
    expect(config.lookbackMs).toBeGreaterThan(2 * (durationMs(timer.schedule) ?? Number.POSITIVE_INFINITY));
  });

  it('takes account-specific values from variables, not literals', () => {
    // prepare
    const { rawFn } = load();
    const variables = (rawFn.environment as { variables: Record<string, string> }).variables;
    // assess
    for (const value of [rawFn.agencyName, variables.IOTDA_REGION, variables.IOTDA_ENDPOINT, variables.IOTDA_INSTANCE_ID]) {
      expect(value).toMatch(/^\$\{env:/);
    }
  });
});
