import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONFIG_ENV_NAMES, CREDENTIAL_ENV_NAMES, loadConfig } from '../../src/config';
import { durationMs } from '../../src/feed';
import { TRIGGER_EVENT_DATA } from './schemas/huaweicloud-terraform';
import { loadServerlessConfig, ROOT } from './serverless-config';
import { type Body, expr, loadModule, resourceBody, soleVariable, type TerraformModule } from './terraform-module';

const DIR = join(ROOT, 'deploy', 'terraform', 'functiongraph');
// What the timer's user_event may hold (issue 2: the FunctionGraph timer options).
const TimerOptions = z.strictObject({
  scope: z.enum(['pending', 'all']).optional(),
  groupIds: z.array(z.string()).optional(),
  dryRun: z.boolean().optional(),
});
const RATE = /^(?:([1-9]|[1-5]\d|60)m|([1-9]|1\d|2[0-4])h|([1-9]|[12]\d|30)d)$/;

let module: TerraformModule;
beforeAll(async () => {
  module = await loadModule(DIR);
});
const resource = (address: string): Body => resourceBody(module, address);
const local = (name: string) => module.locals.get(name)?.value;
const defaultOf = (name: string) => module.variables.get(name)?.body.default;
const fn = () => resource('huaweicloud_fgs_function.softbus_sync');
const triggersOfType = (type: string) =>
  [...module.resources.values()].filter((r) => r.type === 'huaweicloud_fgs_function_trigger' && r.body.type === type);

describe('deploy/terraform/functiongraph: the function', () => {
  it('is the Node.js 20 bundle from the upload package, handler index.handler', () => {
    // act
    const packagePath = /^\$\{coalesce\(var\.package_path, "\$\{path\.module\}\/([^"]+)"\)\}$/.exec(String(local('package_path')))?.[1];
    // assess: by default the zip `npm run package` writes, as serverless.yml deploys it
    expect(fn()).toMatchObject({
      runtime: 'Node.js20.15',
      handler: 'index.handler',
      code_type: 'zip',
      func_code: expr('filebase64(local.package_path)'),
    });
    expect(resolve(DIR, packagePath ?? '')).toBe(
      join(ROOT, (loadServerlessConfig('serverless.yml').resolved.package as { artifact: string }).artifact),
    );
  });

  it('runs with the agency of this module', () => {
    // assess
    expect(fn().agency).toBe(expr('huaweicloud_identity_agency.softbus_sync.name'));
    expect(resource('huaweicloud_identity_agency.softbus_sync').delegated_service_name).toBe('op_svc_cff');
  });

  it('grants the agency its policy in either edition, and in the region project for roles', () => {
    // assess
    expect(resource('huaweicloud_identityv5_policy_agency_attach.softbus_sync')).toMatchObject({
      policy_id: expr('huaweicloud_identityv5_policy.softbus_sync[0].id'),
      agency_id: expr('huaweicloud_identity_agency.softbus_sync.id'),
    });
    const projectRole = (resource('huaweicloud_identity_agency.softbus_sync').dynamic as Record<string, Body[]>).project_role?.[0];
    expect(projectRole).toMatchObject({
      for_each: expr('huaweicloud_identity_role.softbus_sync'),
      content: [{ project: expr('local.iam_project_name') }],
    });
    expect(resource('huaweicloud_identity_role.softbus_sync').type).toBe('XA');
    expect(local('iam_project_name')).toBe(expr('coalesce(var.project_name, var.region)'));
  });

  it('logs to its own LTS group and stream', () => {
    // assess
    expect(fn()).toMatchObject({
      enable_lts_log: true,
      log_group_id: expr('huaweicloud_lts_group.softbus_sync.id'),
      log_stream_id: expr('huaweicloud_lts_stream.softbus_sync.id'),
    });
    expect(resource('huaweicloud_lts_stream.softbus_sync').group_id).toBe(expr('huaweicloud_lts_group.softbus_sync.id'));
  });

  it('takes memory, timeout and the maximum instance count from variables with sound defaults', async () => {
    // assess: 256 MB, 300 s and at most 2 instances as serverless.yml (issue 9: SYNC_MAX_RPS is per instance)
    expect([await soleVariable(fn().memory_size), await soleVariable(fn().timeout), await soleVariable(fn().max_instance_num)]).toEqual([
      'memory_size',
      'timeout',
      'max_instances',
    ]);
    expect([defaultOf('memory_size'), defaultOf('timeout'), defaultOf('max_instances')]).toEqual([256, 300, 2]);
    expect(Number(defaultOf('max_instances')) * Number(defaultOf('sync_max_rps'))).toBeLessThanOrEqual(150);
  });
});

describe('deploy/terraform/functiongraph: the environment', () => {
  it('sets only configuration variables of src/config.ts, and no credentials', () => {
    // prepare
    const names = Object.keys(local('function_environment') as Body);
    // assess
    expect(names.filter((name) => !(CONFIG_ENV_NAMES as readonly string[]).includes(name))).toEqual([]);
    for (const name of CREDENTIAL_ENV_NAMES) expect(names).not.toContain(name);
    expect(fn().user_data).toBe(expr('jsonencode(local.user_data)'));
  });

  it('has defaults that the function accepts, equal to its own but for the change feed, which it turns on, and the rate of one of 2 instances', async () => {
    // prepare: each value reads one variable; take its default as Terraform would (numbers become strings)
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(local('function_environment') as Body)) {
      const variable = await soleVariable(value);
      expect([name, variable]).toEqual([name, expect.any(String)]);
      const fallback = variable === 'region' ? 'cn-north-4' : defaultOf(variable ?? '');
      if (fallback !== undefined && fallback !== null && fallback !== '') env[name] = String(fallback);
    }
    // act
    const config = loadConfig(env);
    // assess
    expect(config).toEqual({ ...loadConfig({ IOTDA_REGION: 'cn-north-4' }), changeFeed: 'cts', lookbackMs: 35 * 60_000, maxRps: 75 });
    expect(config.lookbackMs).toBeGreaterThan(2 * (durationMs(String(defaultOf('timer_period'))) ?? Number.POSITIVE_INFINITY));
  });
});

describe('deploy/terraform/functiongraph: the triggers', () => {
  const eventData = (trigger: Body) => {
    const name = /^\$\{jsonencode\(local\.(\w+)\)\}$/.exec(String(trigger.event_data))?.[1] ?? '';
    return local(name) as Body;
  };

  it('has one reconcile timer: a Rate from a variable, user event {"scope":"pending"}', () => {
    // prepare
    const timers = triggersOfType('TIMER');
    const data = eventData(timers[0]?.body ?? {});
    // assess
    expect(timers).toHaveLength(1);
    expect(Object.keys(data).sort()).toEqual([...TRIGGER_EVENT_DATA.TIMER.required, ...TRIGGER_EVENT_DATA.TIMER.optional].sort());
    expect(data).toMatchObject({ schedule_type: 'Rate', schedule: expr('var.timer_period'), user_event: expr('var.timer_user_event') });
    expect(defaultOf('timer_period')).toMatch(RATE);
    expect(TimerOptions.parse(JSON.parse(String(defaultOf('timer_user_event'))))).toEqual({ scope: 'pending' });
  });

  it('rejects a timer period that is not a FunctionGraph rate, as the serverless schema does', () => {
    // prepare: the variable's own validation regex
    const condition = String((module.variables.get('timer_period')?.body.validation as Body[] | undefined)?.[0]?.condition);
    const pattern = new RegExp(/regex\("([^"]+)"/.exec(condition)?.[1] ?? '$^');
    // assess
    for (const good of ['1m', '15m', '60m', '24h', '30d']) expect([good, pattern.test(good)]).toEqual([good, true]);
    for (const bad of ['0m', '90m', '25h', '31d', '15', '15 m']) expect([bad, pattern.test(bad)]).toEqual([bad, false]);
  });

  it('has one CTS trigger on the device-group operations the function acts on', () => {
    // prepare
    const cts = triggersOfType('CTS');
    const data = eventData(cts[0]?.body ?? {});
    // assess
    expect(cts).toHaveLength(1);
    expect(Object.keys(data).sort()).toEqual([...TRIGGER_EVENT_DATA.CTS.required, ...TRIGGER_EVENT_DATA.CTS.optional].sort());
    expect(data.operations).toEqual(['IoTDA:device-group:addDeviceGroup;updateDeviceGroup;manageDevicesInGroup']);
    expect(defaultOf('cts_trigger_name')).toMatch(/^[A-Za-z]\w{0,63}$/);
    expect(cts[0]?.body.depends_on).toContain(expr('huaweicloud_identityv5_policy_agency_attach.softbus_sync'));
  });

  it('both fire the function of this module', () => {
    // assess
    for (const trigger of [...triggersOfType('TIMER'), ...triggersOfType('CTS')]) {
      expect(trigger.body).toMatchObject({ function_urn: expr('huaweicloud_fgs_function.softbus_sync.urn'), status: 'ACTIVE' });
    }
  });
});

it('deploy/terraform/functiongraph: outputs what an operator needs after apply', () => {
  // assess
  expect([...module.outputs.keys()]).toEqual(
    expect.arrayContaining(['function_urn', 'function_name', 'log_group_id', 'log_stream_id', 'agency_name']),
  );
  expect(module.outputs.get('function_urn')?.body.value).toBe(expr('huaweicloud_fgs_function.softbus_sync.urn'));
});
