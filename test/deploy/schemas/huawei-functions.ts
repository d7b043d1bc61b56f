/**
 * serverless.yml for FunctionGraph, as documented by the `serverless-huawei-functions` plugin
 * (docs/trigger.md: triggerTypeCode/status/eventData) and FunctionGraph's own limits.
 */
import { z } from 'zod';

/** FunctionGraph's Node.js runtimes (there is no Node.js 22). */
export const FUNCTIONGRAPH_NODE_RUNTIMES = [
  'Node.js6.10',
  'Node.js8.10',
  'Node.js10.16',
  'Node.js12.13',
  'Node.js14.18',
  'Node.js16.17',
  'Node.js18.15',
  'Node.js20.15',
] as const;

const Handler = z.string().regex(/^[\w./-]+\.[A-Za-z_$][\w$]*$/, 'file.export, e.g. index.handler');
const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);
const Status = z.enum(['ACTIVE', 'DISABLED']).optional();

// Rate: 1-60 minutes, 1-24 hours or 1-30 days. Cron: FunctionGraph's six fields (seconds first) or @every.
const RATE = /^(?:([1-9]|[1-5]\d|60)m|([1-9]|1\d|2[0-4])h|([1-9]|[12]\d|30)d)$/;
const CRON = /^(?:\S+(?: \S+){5,6}|@every \d+[smhd])$/;

const TimerTrigger = z.strictObject({
  triggerTypeCode: z.literal('TIMER'),
  status: Status,
  eventData: z
    .strictObject({
      name: z
        .string()
        .regex(/^[A-Za-z][\w-]{0,63}$/)
        .optional(),
      scheduleType: z.enum(['Rate', 'Cron']),
      schedule: z.string(),
      // Delivered as the event's user_event string; FunctionGraph caps it at 2 KB.
      userEvent: z.string().max(2048).optional(),
    })
    .refine((data) => (data.scheduleType === 'Rate' ? RATE : CRON).test(data.schedule), {
      message: 'schedule does not match its scheduleType',
      path: ['schedule'],
    }),
});

// "Service:resourceType[;resourceType…]:operation[;operation…]", as in the plugin's example.
const CtsOperation = z.string().regex(/^[A-Za-z]+:[\w-]+(?:;[\w-]+)*:\w+(?:;\w+)*$/);
const CtsTrigger = z.strictObject({
  triggerTypeCode: z.literal('CTS'),
  status: Status,
  eventData: z.strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z][\w]{0,63}$/)
      .optional(),
    operations: z.array(CtsOperation).min(1),
  }),
});

// The plugin's other trigger types: accepted by shape only, this service uses none of them.
const OtherTrigger = z.strictObject({
  triggerTypeCode: z.enum(['APIG', 'DEDICATEDGATEWAY', 'OBS', 'KAFKA', 'SMN', 'LTS', 'DIS']),
  status: Status,
  eventData: z.record(z.string(), z.unknown()),
});

const FunctionSchema = z.object({
  handler: Handler,
  runtime: z.enum(FUNCTIONGRAPH_NODE_RUNTIMES).optional(),
  description: z.string().max(512).optional(),
  memorySize: z.number().int().min(128).max(10240).multipleOf(128),
  timeout: z.number().int().min(3).max(900),
  agencyName: z.string().min(1),
  // The plugin's (0.0.10) spelling, sent as UpdateFunctionConfig's strategy_config.concurrency: the maximum
  // instances of the function (huaweicloud SDK StrategyConfig: -1 unlimited, 0 disabled, v2 up to 1000).
  concurreny: z
    .number()
    .int()
    .min(-1)
    .max(1000)
    .refine((n) => n !== 0, '0 disables the function')
    .optional(),
  // strategy_config.concurrent_num: requests per instance (v2, 1-1000).
  concurrentNum: z.number().int().min(1).max(1000).optional(),
  codeType: z.enum(['zip', 'obs']).optional(),
  code: z.strictObject({ codeUri: z.string() }).optional(),
  environment: z.strictObject({
    variables: z
      .record(EnvName, z.string())
      // FunctionGraph caps all environment variables together at 4,096 characters.
      .refine((vars) => JSON.stringify(vars).length <= 4096, 'environment over 4,096 characters'),
  }),
  events: z.array(z.discriminatedUnion('triggerTypeCode', [TimerTrigger, CtsTrigger, OtherTrigger])),
});

export const HuaweiServerlessConfig = z.object({
  service: z.string().min(1),
  frameworkVersion: z.literal('3'),
  provider: z.object({
    name: z.literal('huawei'),
    credentials: z.string().min(1),
    region: z.string().regex(/^[a-z]{2,}-[a-z]+-\d{1,2}$/),
    stage: z.string().optional(),
    runtime: z.enum(FUNCTIONGRAPH_NODE_RUNTIMES),
  }),
  plugins: z.array(z.string()).refine((list) => list.includes('serverless-huawei-functions')),
  package: z.strictObject({ artifact: z.string().endsWith('.zip') }),
  custom: z.record(z.string(), z.unknown()).optional(),
  functions: z.record(z.string(), FunctionSchema),
});
export type HuaweiServerlessConfig = z.infer<typeof HuaweiServerlessConfig>;
