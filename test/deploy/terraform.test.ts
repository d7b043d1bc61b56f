import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT } from './serverless-config';
import { checkReferences, checkSchemas } from './terraform-checks';
import { loadModule, parseModule, type TerraformModule } from './terraform-module';

const TERRAFORM = join(ROOT, 'deploy', 'terraform');
const POLICIES = join(TERRAFORM, 'policies');
// The calls the function makes (issue 2, and issue 10's verified syncs and change feed) and nothing else.
const LEAST_PRIVILEGE = ['cts:trace:list', 'iotda:harmonysoftbus:query', 'iotda:harmonysoftbus:queryList', 'iotda:harmonysoftbus:sync'];
// Which policy document each policy resource must read.
const POLICY_FILE_OF = {
  huaweicloud_identityv5_policy: { argument: 'policy_document', file: 'softbus-sync.identity-policy.json' },
  huaweicloud_identity_role: { argument: 'policy', file: 'softbus-sync.role-policy.json' },
} as const;

/** Every folder under deploy/terraform that holds `.tf` files. */
function moduleDirs(dir = TERRAFORM): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const here = entries.some((entry) => entry.isFile() && entry.name.endsWith('.tf')) ? [dir] : [];
  return [...here, ...entries.filter((entry) => entry.isDirectory()).flatMap((entry) => moduleDirs(join(dir, entry.name)))];
}
const MODULES = moduleDirs().map((dir) => relative(TERRAFORM, dir));

const Statement = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.literal('Allow'),
  Action: z.array(z.string().regex(/^[a-z]+:[a-zA-Z]+:[a-zA-Z]+$/, 'no wildcards')),
  // None of these actions has a resource type: "*" is the only valid resource.
  Resource: z.tuple([z.literal('*')]).optional(),
});
const readPolicy = (file: string, version: string) =>
  z
    .strictObject({ Version: z.literal(version), Statement: z.array(Statement).min(1) })
    .parse(JSON.parse(readFileSync(join(POLICIES, file), 'utf8')));

it('finds the two modules', () => {
  // assess: a module that disappears or moves fails here rather than going unchecked
  expect(MODULES.sort()).toEqual(['federation-huawei', 'functiongraph']);
});

describe.each([
  { file: 'softbus-sync.identity-policy.json', version: '5.0' },
  { file: 'softbus-sync.role-policy.json', version: '1.1' },
])('deploy/terraform/policies/$file', ({ file, version }) => {
  it('allows exactly the least-privilege actions, each once', () => {
    // act
    const actions = readPolicy(file, version).Statement.flatMap((statement) => statement.Action);
    // assess
    expect(actions.sort()).toEqual(LEAST_PRIVILEGE);
  });
});

describe.each(MODULES)('deploy/terraform/%s', (name) => {
  let module: TerraformModule;
  beforeAll(async () => {
    module = await loadModule(join(TERRAFORM, name));
  });

  it('uses only documented resource types, arguments and blocks, with every required argument', () => {
    // assess
    expect(checkSchemas(module)).toEqual([]);
  });

  it('references only variables, locals, resources and data sources it declares', async () => {
    // assess
    expect(await checkReferences(module)).toEqual([]);
  });

  it('describes and types every variable, and describes every output', () => {
    // assess
    for (const { address, body } of module.variables.values())
      expect([address, typeof body.description, body.type]).toMatchObject([address, 'string', /^\$\{/]);
    for (const { address, body } of module.outputs.values()) expect([address, typeof body.description]).toEqual([address, 'string']);
  });

  it('requires the huaweicloud provider from its registry source at a minimum version', () => {
    // act
    const providers = module.settings.flatMap((settings) => (settings.required_providers as Record<string, unknown>[] | undefined) ?? []);
    // assess
    expect(providers).toEqual([{ huaweicloud: { source: 'huaweicloud/huaweicloud', version: expect.stringMatching(/^>= 1\.\d+\.\d+$/) } }]);
  });

  it('grants permissions only through the least-privilege policy files', () => {
    // prepare
    const policies = [...module.resources.values()].filter(({ type }) => type in POLICY_FILE_OF);
    // assess: a policy resource reads its edition's file, which exists
    expect(policies.length).toBeGreaterThan(0);
    for (const { type, body } of policies) {
      const { argument, file } = POLICY_FILE_OF[type as keyof typeof POLICY_FILE_OF];
      const path = /file\("\$\{path\.module\}\/([^"]+)"\)/.exec(String(body[argument]))?.[1] ?? '';
      const resolved = join(TERRAFORM, name, path);
      expect([type, dirname(resolved), relative(POLICIES, resolved)]).toEqual([type, POLICIES, file]);
      expect(existsSync(resolved)).toBe(true);
    }
  });
});

describe('the checks', () => {
  const original = Object.fromEntries(
    readdirSync(join(TERRAFORM, 'functiongraph'))
      .filter((file) => file.endsWith('.tf'))
      .map((file) => [file, readFileSync(join(TERRAFORM, 'functiongraph', file), 'utf8')]),
  );
  const mutate = (file: string, from: string, to: string) => {
    if (!original[file]?.includes(from)) throw new Error(`${file} no longer contains ${from}`);
    return parseModule({ ...original, [file]: original[file].replace(from, to) });
  };

  it.each([
    ['a misspelled argument', 'function.tf', 'memory_size = var', 'memroy_size = var', 'unknown argument or block "memroy_size"'],
    ['a missing required argument', 'function.tf', 'handler     = "index.handler"', '', 'missing required argument "handler"'],
    [
      'an undocumented resource type',
      'logs.tf',
      'resource "huaweicloud_lts_stream"',
      'resource "huaweicloud_lts_streams"',
      'is not a documented type',
    ],
    ['a runtime FunctionGraph lacks', 'function.tf', '"Node.js20.15"', '"Node.js22"', '"Node.js22" is not one of'],
    ['a literal of the wrong type', 'logs.tf', 'var.log_retention_days', '"thirty"', 'expected a number, found string'],
    ['an unknown nested block', 'iam.tf', 'dynamic "project_role"', 'dynamic "project_roles"', 'unknown dynamic block "project_roles"'],
    ['both agency principals', 'iam.tf', 'duration  ', 'delegated_domain_name = "x"\n  duration  ', 'exactly one of delegated_domain_name'],
  ])('find %s', async (_name, file, from, to, expected) => {
    // act
    const problems = checkSchemas(await mutate(file, from, to));
    // assess
    expect(problems.join('\n')).toContain(expected);
  });

  it('find a reference to an undeclared variable', async () => {
    // act
    const problems = await checkReferences(await mutate('function.tf', 'var.log_level', 'var.loglevel'));
    // assess
    expect(problems).toEqual(['function.tf: local.function_environment: "var.loglevel" is not declared in this module']);
  });

  it('reject a file that is not valid HCL, naming it', async () => {
    // act + assess
    await expect(mutate('outputs.tf', 'output "function_urn" {', 'output "function_urn" {{')).rejects.toThrow(/outputs\.tf/);
  });
});
