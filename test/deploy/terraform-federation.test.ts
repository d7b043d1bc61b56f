import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './serverless-config';
import { type Body, expr, loadModule, resourceBody, type TerraformModule } from './terraform-module';

const DIR = join(ROOT, 'deploy', 'terraform', 'federation-huawei');

let module: TerraformModule;
beforeAll(async () => {
  module = await loadModule(DIR);
});
const resource = (address: string): Body => resourceBody(module, address);
const validation = (name: string) => String((module.variables.get(name)?.body.validation as Body[] | undefined)?.[0]?.condition);

describe('deploy/terraform/federation-huawei', () => {
  it('trusts the AWS issuer as an OpenID Connect provider for programmatic access only', () => {
    // act
    const idp = resource('huaweicloud_identity_provider.aws');
    // assess: issuer = provider URL, audience = client ID, JWKS = signing key
    expect(idp.protocol).toBe('oidc');
    expect(idp.access_config).toEqual([
      { access_type: 'program', provider_url: expr('var.issuer_url'), client_id: expr('var.audience'), signing_key: expr('var.jwks_json') },
    ]);
  });

  it('maps only a token whose sub is the Lambda role ARN, into the soft-bus group', () => {
    // prepare
    const mapping = resource('huaweicloud_identity_provider_mapping.lambda_role');
    const rules = module.locals.get('mapping_rules')?.value;
    // assess
    expect(mapping).toEqual({
      provider_id: expr('huaweicloud_identity_provider.aws.id'),
      mapping_rules: expr('jsonencode(local.mapping_rules)'),
    });
    expect(rules).toEqual([
      {
        local: [
          { user: { name: expr('var.federated_user_name') } },
          { group: { name: expr('huaweicloud_identity_group.softbus_sync.name') } },
        ],
        remote: [{ type: 'sub', any_one_of: [expr('var.lambda_role_arn')] }],
      },
    ]);
  });

  it('gives the group the soft-bus policy and nothing else, in the IoTDA project for roles', () => {
    // prepare
    const grants = [...module.resources.values()].filter((r) => /group_attach|group_role_assignment/.test(r.type));
    // assess
    expect(grants.map((grant) => grant.type).sort()).toEqual([
      'huaweicloud_identity_group_role_assignment',
      'huaweicloud_identityv5_policy_group_attach',
    ]);
    for (const { body } of grants) expect(body.group_id).toBe(expr('huaweicloud_identity_group.softbus_sync.id'));
    expect(resource('huaweicloud_identity_group_role_assignment.softbus_sync')).toMatchObject({
      role_id: expr('huaweicloud_identity_role.softbus_sync[0].id'),
      project_id: expr('data.huaweicloud_identity_projects.iotda.projects[0].id'),
    });
    expect(module.data.get('data.huaweicloud_identity_projects.iotda')?.body.name).toBe(expr('local.iam_project_name'));
  });

  it('accepts only a role ARN as the subject', () => {
    // prepare: the variable's own validation regex
    const pattern = new RegExp(/regex\("([^"]+)"/.exec(validation('lambda_role_arn'))?.[1] ?? '$^');
    // assess
    for (const good of [
      'arn:aws:iam::123456789012:role/softbus-sync-prod-eu-west-1-lambdaRole',
      'arn:aws-cn:iam::123456789012:role/path/x',
    ]) {
      expect([good, pattern.test(good)]).toEqual([good, true]);
    }
    for (const bad of [
      'arn:aws:iam::123456789012:user/alice',
      'arn:aws:sts::123456789012:assumed-role/r/s',
      '*',
      'arn:aws:iam::12:role/x',
    ]) {
      expect([bad, pattern.test(bad)]).toEqual([bad, false]);
    }
  });

  it('outputs the identity provider ID and the project the Lambda needs', () => {
    // assess
    expect(module.outputs.get('identity_provider_id')?.body.value).toBe(expr('huaweicloud_identity_provider.aws.id'));
    expect(module.outputs.get('project_id')?.body.value).toBe(expr('data.huaweicloud_identity_projects.iotda.projects[0].id'));
    expect([...module.outputs.keys()]).toEqual(expect.arrayContaining(['iam_endpoint', 'audience']));
  });
});
