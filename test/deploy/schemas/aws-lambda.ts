/**
 * serverless.aws.yml, as documented by Serverless Framework v3 (provider aws) for the fields this
 * service uses, plus Lambda's and SQS's own limits. `serverless package` is the authority; this schema
 * keeps the file honest in CI, where the framework is not installed.
 */
import { z } from 'zod';

export const LAMBDA_NODE_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;

const Handler = z.string().regex(/^[\w./-]+\.[A-Za-z_$][\w$]*$/, 'file.export, e.g. index.handler');
const EnvName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/);
const GetAttArn = z.strictObject({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('Arn')]) });
const Arn = z.union([z.string().startsWith('arn:'), GetAttArn]);

const RATE = /^rate\((?:1 (?:minute|hour|day)|[1-9]\d* (?:minutes|hours|days))\)$/;
const CRON = /^cron\(\S+(?: \S+){5}\)$/;
const ScheduleExpression = z.string().refine((text) => RATE.test(text) || CRON.test(text), 'rate(…) or cron(…)');

const ScheduleEvent = z.strictObject({
  schedule: z.union([
    ScheduleExpression,
    z.strictObject({
      rate: z.union([ScheduleExpression, z.array(ScheduleExpression).min(1)]),
      enabled: z.boolean().optional(),
      input: z.unknown().optional(),
    }),
  ]),
});

const SqsEvent = z.strictObject({
  sqs: z.strictObject({
    arn: Arn,
    batchSize: z.number().int().min(1).max(10000).optional(),
    maximumBatchingWindow: z.number().int().min(0).max(300).optional(),
    functionResponseType: z.literal('ReportBatchItemFailures').optional(),
    // The event source mapping's ScalingConfig.MaximumConcurrency: 2-1000 (Serverless v3 sqs event docs).
    maximumConcurrency: z.number().int().min(2).max(1000).optional(),
    enabled: z.boolean().optional(),
  }),
});

const EventBridgeEvent = z.strictObject({
  eventBridge: z.strictObject({
    eventBus: z.string().optional(),
    pattern: z.record(z.string(), z.unknown()),
  }),
});

const FunctionSchema = z.strictObject({
  handler: Handler,
  description: z.string().max(256).optional(),
  layers: z
    .array(z.string().regex(/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:layer:[\w-]+:\d+$/))
    .max(5)
    .optional(),
  maximumRetryAttempts: z.number().int().min(0).max(2).optional(),
  // Lambda's ReservedConcurrentExecutions (0 throttles every invocation).
  reservedConcurrency: z.number().int().min(0).optional(),
  destinations: z
    .strictObject({ onFailure: z.strictObject({ type: z.enum(['sqs', 'sns', 'function', 'eventBus']), arn: Arn }) })
    .optional(),
  events: z.array(z.union([ScheduleEvent, SqsEvent, EventBridgeEvent])).min(1),
});

const IamStatement = z.strictObject({
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.array(z.string()).min(1),
  Resource: z.unknown(),
  // IAM's condition block: operator → condition key → value(s).
  Condition: z
    .record(z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])))
    .optional(),
});

export const AwsServerlessConfig = z.object({
  service: z.string().min(1),
  frameworkVersion: z.literal('3'),
  configValidationMode: z.enum(['warn', 'error', 'off']).optional(),
  provider: z.object({
    name: z.literal('aws'),
    runtime: z.enum(LAMBDA_NODE_RUNTIMES),
    architecture: z.enum(['x86_64', 'arm64']).optional(),
    region: z.string().regex(/^[a-z]{2}(?:-[a-z]+)+-\d$/),
    stage: z.string().optional(),
    memorySize: z.number().int().min(128).max(10240),
    timeout: z.number().int().min(1).max(900),
    logRetentionInDays: z.number().int().optional(),
    // Lambda caps the environment at 4 KB in total.
    environment: z
      .record(EnvName, z.string())
      .refine((vars) => Object.entries(vars).reduce((n, [k, v]) => n + k.length + v.length, 0) <= 4096),
    iam: z.strictObject({ role: z.strictObject({ statements: z.array(IamStatement) }) }).optional(),
  }),
  custom: z.record(z.string(), z.unknown()).optional(),
  package: z.strictObject({ artifact: z.string().endsWith('.zip') }),
  functions: z.record(z.string(), FunctionSchema),
  resources: z.object({
    Resources: z.record(z.string(), z.object({ Type: z.string(), Properties: z.record(z.string(), z.unknown()) })),
    Outputs: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type AwsServerlessConfig = z.infer<typeof AwsServerlessConfig>;
