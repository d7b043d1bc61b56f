# The AWS account's outbound-federation issuer as an OpenID Connect identity provider with
# programmatic access only (no console login), and the one mapping rule it has.

resource "huaweicloud_identity_provider" "aws" {
  name        = var.identity_provider_name
  protocol    = "oidc"
  description = "AWS IAM outbound identity federation: the softbus-sync Lambda"

  access_config {
    access_type  = "program"
    provider_url = var.issuer_url
    client_id    = var.audience
    signing_key  = var.jwks_json
  }
}

locals {
  # A token is mapped only when its sub is the Lambda's role ARN; the user lands in the group that
  # holds the soft-bus policy and nothing else. Any other sub from the same issuer gets no user.
  mapping_rules = [
    {
      local = [
        { user = { name = var.federated_user_name } },
        { group = { name = huaweicloud_identity_group.softbus_sync.name } },
      ]
      remote = [
        { type = "sub", any_one_of = [var.lambda_role_arn] },
      ]
    },
  ]
}

# Replaces the default rule the provider creates with the identity provider.
resource "huaweicloud_identity_provider_mapping" "lambda_role" {
  provider_id   = huaweicloud_identity_provider.aws.id
  mapping_rules = jsonencode(local.mapping_rules)
}
