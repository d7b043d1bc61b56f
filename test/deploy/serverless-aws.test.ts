import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_ENV_NAMES, loadConfig } from '../../src/config';
import { federationSettings } from '../../src/credentials/aws-federation/settings';
import { SECRET_ID_ENV } from '../../src/credentials/secret-value';
import { credentialSourceOf, LAMBDA_CREDENTIAL_ENV_NAMES } from '../../src/credentials/source';
import { METRICS_NAMESPACE_ENV, metricsNamespace } from '../../src/metrics';
import { AwsServerlessConfig } from './schemas/aws-lambda';
import { loadServerlessConfig, ROOT, resolveHandler } from './serverless-config';

const LAYER_ARN = 'arn:aws:lambda:eu-west-1:123456789012:layer:AWS-Parameters-and-Secrets-Lambda-Extension:1';
/** The keys themselves: never in the function configuration, whatever the source. */
const KEY_VARIABLES = ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN'];

/** The config as `serverless package` would resolve it with this deploy-time environment (none by default). */
function load(deployEnv: Record<string, string> = {}) {
  const config = AwsServerlessConfig.parse(loadServerlessConfig('serverless.aws.yml', deployEnv).resolved);
  const [, fn] = Object.entries(config.functions)[0] ?? [];
  if (!fn) throw new Error('serverless.aws.yml defines no function');
  return { config, fn, resources: config.resources.Resources };
}

type Event = ReturnType<typeof load>['fn']['events'][number];
const sqsOf = (events: Event[]) => events.flatMap((event) => ('sqs' in event ? [event.sqs] : []));

describe('serverless.aws.yml (Lambda)', () => {
  it('validates against the framework schema and uses nodejs22.x with the Lambda zip', () => {
    // act
    const { config } = load();
    // assess
    expect(config.provider.runtime).toBe('nodejs22.x');
    expect(config.package.artifact).toBe('dist/softbus-sync-lambda.zip');
  });

  it('points the handler at an exported function of the built bundle', () => {
    // prepare
    const { fn } = load();
    // act
    const handler = resolveHandler('dist/lambda', fn.handler);
    // assess
    expect(fn.handler).toBe('index.handler');
    expect(typeof handler).toBe('function');
  });

  it('has a schedule, an SQS source reporting item failures and an EventBridge rule', () => {
    // prepare
    const { fn } = load();
    // act
    const kinds = fn.events.map((event) => Object.keys(event)[0]);
    // assess
    expect(kinds.sort()).toEqual(['eventBridge', 'schedule', 'sqs']);
    expect(sqsOf(fn.events)[0]?.functionResponseType).toBe('ReportBatchItemFailures');
  });

  it('caps the instances (issue 9): SYNC_MAX_RPS is per instance, so all of them together stay within one default ceiling', () => {
    // prepare
    const { config, fn } = load();
    // act
    const instances = fn.reservedConcurrency ?? Number.POSITIVE_INFINITY;
    const fromQueue = sqsOf(fn.events)[0]?.maximumConcurrency ?? Number.POSITIVE_INFINITY;
    const perInstance = loadConfig(config.provider.environment).maxRps;
    // assess: the queue never starts more invocations than the reservation leaves, one kept for the schedule and EventBridge
    expect(instances).toBe(3);
    expect(fromQueue).toBeLessThanOrEqual(instances - 1);
    expect(instances * perInstance).toBeLessThanOrEqual(loadConfig({ IOTDA_REGION: 'cn-north-4' }).maxRps);
  });

  it('reads the change feed on every scheduled run (Lambda has no push source), looking back over two periods', () => {
    // prepare
    const { config, fn } = load();
    const rate = fn.events.flatMap((event) => ('schedule' in event ? [JSON.stringify(event.schedule)] : []))[0] ?? '';
    const minutes = Number(/rate\((\d+) minutes\)/.exec(rate)?.[1]);
    // act
    const parsed = loadConfig(config.provider.environment);
    // assess
    expect(parsed.changeFeed).toBe('cts');
    expect(parsed.lookbackMs).toBeGreaterThan(2 * minutes * 60_000);
  });

  it('redrives the SQS source to a dead-letter queue, with a visibility timeout above the function timeout', () => {
    // prepare
    const { config, fn, resources } = load();
    const arn = sqsOf(fn.events)[0]?.arn;
    // act
    const queueName = typeof arn === 'object' ? arn['Fn::GetAtt'][0] : '';
    const queue = resources[queueName];
    const redrive = queue?.Properties.RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] }; maxReceiveCount: number };
    // assess
    expect(queue?.Type).toBe('AWS::SQS::Queue');
    expect(resources[redrive.deadLetterTargetArn['Fn::GetAtt'][0]]?.Type).toBe('AWS::SQS::Queue');
    expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(1);
    // AWS advises six times the function timeout so in-flight batches are not redelivered.
    expect(Number(queue?.Properties.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * config.provider.timeout);
  });

  it('keeps the Huawei keys out of the configuration: only the secret name and the key-source settings are set', () => {
    // prepare
    const { config } = load();
    const names = Object.keys(config.provider.environment);
    const text = readFileSync(join(ROOT, 'serverless.aws.yml'), 'utf8');
    // assess
    expect(names.sort()).toEqual(
      [...new Set([...CONFIG_ENV_NAMES, ...LAMBDA_CREDENTIAL_ENV_NAMES, METRICS_NAMESPACE_ENV, 'NODE_OPTIONS'])].sort(),
    );
    for (const name of KEY_VARIABLES) expect(names).not.toContain(name);
    // deploy-time resolution (${ssm:…}, ${aws:…}) would copy the keys into the function configuration
    expect(text).not.toMatch(/\$\{(ssm|aws|s3|cf):/);
  });

  it('packages with no deploy-time variable: the secret read with the runtime SDK, no layer, GetSecretValue on the one secret in the stack’s partition', () => {
    // act
    const { config, fn } = load();
    const statements = config.provider.iam?.role.statements ?? [];
    // assess
    expect(config.provider.environment.HUAWEICLOUD_CREDENTIALS).toBe('auto');
    expect(credentialSourceOf(config.provider.environment)).toBe('secrets-manager');
    expect(fn.layers).toEqual([]);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.Action).toEqual(['secretsmanager:GetSecretValue']);
    const resource = JSON.stringify(statements[0]?.Resource);
    expect(resource).toContain(`:secret:${config.provider.environment[SECRET_ID_ENV]}-??????`);
    expect(resource).toContain('{"Ref":"AWS::Partition"}');
    expect(resource).not.toContain('arn:aws:');
  });

  it('attaches the extension layer only with HUAWEICLOUD_CREDENTIALS=secrets-extension', () => {
    // act
    const { config, fn } = load({ HUAWEICLOUD_CREDENTIALS: 'secrets-extension', SECRETS_EXTENSION_LAYER_ARN: LAYER_ARN });
    // assess
    expect(fn.layers).toEqual([LAYER_ARN]);
    expect(credentialSourceOf(config.provider.environment)).toBe('secrets-extension');
    expect(config.provider.iam?.role.statements[0]?.Action).toEqual(['secretsmanager:GetSecretValue']);
    // without the ARN, the placeholder is no layer ARN: refused, naming the variable
    expect(() => load({ HUAWEICLOUD_CREDENTIALS: 'secrets-extension' })).toThrow(/layers/);
    expect(JSON.stringify(loadServerlessConfig('serverless.aws.yml', { HUAWEICLOUD_CREDENTIALS: 'secrets-extension' }).resolved)).toContain(
      'export-SECRETS_EXTENSION_LAYER_ARN',
    );
  });

  it('aws-federation: no secret, no layer; the role may get web identity tokens for the one audience, 300 s at most', () => {
    // act
    const { config, fn } = load({ HUAWEICLOUD_CREDENTIALS: 'aws-federation', HUAWEICLOUD_FEDERATION_AUDIENCE: 'my-audience' });
    const env = config.provider.environment;
    const statements = config.provider.iam?.role.statements ?? [];
    // assess
    expect(env[SECRET_ID_ENV]).toBe('');
    expect(fn.layers).toEqual([]);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['sts:GetWebIdentityToken'],
        Resource: '*',
        Condition: {
          'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': ['my-audience'] },
          NumericLessThanEquals: { 'sts:DurationSeconds': 300 },
        },
      },
    ]);
    // the function accepts these settings as they are (the Lambda runtime adds AWS_REGION)
    expect(credentialSourceOf(env)).toBe('aws-federation');
    expect(federationSettings({ ...env, AWS_REGION: 'eu-west-1' })).toMatchObject({
      idpId: 'aws-softbus-sync',
      audience: 'my-audience',
      durationSeconds: 3600,
      iamEndpoint: 'https://iam.cn-north-4.myhuaweicloud.com',
    });
  });

  it('builds every ARN in the partition of the stack (aws, aws-cn, aws-us-gov), never a literal arn:aws:', () => {
    const text = readFileSync(join(ROOT, 'serverless.aws.yml'), 'utf8');
    const statements = load().config.provider.iam?.role.statements ?? [];
    expect(text).not.toMatch(/arn:aws:/);
    expect(JSON.stringify(statements)).toContain('{"Ref":"AWS::Partition"}');
  });

  it('enables source-mapped stack traces and names a valid metrics namespace', () => {
    const { environment } = load().config.provider;
    expect(environment.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(metricsNamespace(environment)).toEqual({ namespace: 'SoftbusSync' });
  });

  it('has defaults that the function accepts', () => {
    // prepare
    const { config } = load();
    // act
    const parsed = loadConfig(config.provider.environment);
    // assess
    expect(parsed.signing).toBe('basic');
  });
});
