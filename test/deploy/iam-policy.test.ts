import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT } from './serverless-config';

// The calls the function makes and nothing else: ListHarmonySoftBus, CreateSyncHarmonySoftBus,
// ShowHarmonySoftBus (verified syncs) and CTS's Query Trace List (the change feed).
const NEEDED = ['cts:trace:list', 'iotda:harmonysoftbus:query', 'iotda:harmonysoftbus:queryList', 'iotda:harmonysoftbus:sync'];
const Statement = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.literal('Allow'),
  Action: z.array(z.string().regex(/^[a-z]+:[a-zA-Z]+:[a-zA-Z]+$/, 'no wildcards')),
  // The soft bus actions have no resource type: "*" is the only valid resource.
  Resource: z.tuple([z.literal('*')]).optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.array(z.string()))).optional(),
});

describe.each([
  { file: 'deploy/iam/softbus-sync-policy.json', version: '5.0', terraform: 'softbus-sync.identity-policy.json' },
  { file: 'deploy/iam/softbus-sync-policy.role-based.json', version: '1.1', terraform: 'softbus-sync.role-policy.json' },
])('$file', ({ file, version, terraform }) => {
  it('is the policy the Terraform module attaches', () => {
    const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as unknown;
    expect(read(file)).toEqual(read(`deploy/terraform/policies/${terraform}`));
  });

  it('allows exactly the list, show, sync and trace-list actions', () => {
    // prepare
    const policy = z
      .strictObject({ Version: z.literal(version), Statement: z.array(Statement).min(1) })
      .parse(JSON.parse(readFileSync(join(ROOT, file), 'utf8')));
    // act
    const actions = policy.Statement.flatMap((statement) => statement.Action);
    // assess
    expect(actions.sort()).toEqual(NEEDED);
  });
});
