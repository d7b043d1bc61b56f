import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT } from './serverless-config';

// The two calls the function makes (ListHarmonySoftBus, CreateSyncHarmonySoftBus) and nothing else.
const NEEDED = ['iotda:harmonysoftbus:queryList', 'iotda:harmonysoftbus:sync'];
const Statement = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.literal('Allow'),
  Action: z.array(z.string().regex(/^[a-z]+:[a-zA-Z]+:[a-zA-Z]+$/, 'no wildcards')),
  // The soft bus actions have no resource type: "*" is the only valid resource.
  Resource: z.tuple([z.literal('*')]).optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.array(z.string()))).optional(),
});

describe.each([
  { file: 'deploy/iam/softbus-sync-policy.json', version: '5.0' },
  { file: 'deploy/iam/softbus-sync-policy.role-based.json', version: '1.1' },
])('$file', ({ file, version }) => {
  it('allows exactly the list and sync actions', () => {
    // prepare
    const policy = z
      .strictObject({ Version: z.literal(version), Statement: z.array(Statement).length(1) })
      .parse(JSON.parse(readFileSync(join(ROOT, file), 'utf8')));
    // act
    const actions = policy.Statement.flatMap((statement) => statement.Action);
    // assess
    expect(actions.sort()).toEqual(NEEDED);
  });
});
