# The user group of the federated Lambda user and its only permissions: the soft-bus actions and
# the CTS trace read (deploy/terraform/policies/), in the IoTDA region's project.

locals {
  use_identity_policy = var.iam_policy_edition == "identity_policy"
  iam_project_name    = coalesce(var.project_name, var.region)
}

resource "huaweicloud_identity_group" "softbus_sync" {
  name        = var.group_name
  description = "Federated softbus-sync Lambda: list, query and sync soft buses, read CTS traces"
}

data "huaweicloud_identity_projects" "iotda" {
  name = local.iam_project_name
}

# Edition "identity_policy".
resource "huaweicloud_identityv5_policy" "softbus_sync" {
  count = local.use_identity_policy ? 1 : 0

  name            = var.policy_name
  description     = "softbus-sync (federated Lambda): list, query and sync IoTDA HarmonyOS soft buses; read CTS traces"
  policy_document = jsonencode(jsondecode(file("${path.module}/../policies/softbus-sync.identity-policy.json")))
}

resource "huaweicloud_identityv5_policy_group_attach" "softbus_sync" {
  count = local.use_identity_policy ? 1 : 0

  policy_id = huaweicloud_identityv5_policy.softbus_sync[0].id
  group_id  = huaweicloud_identity_group.softbus_sync.id
}

# Edition "role": granted in the IoTDA project only.
resource "huaweicloud_identity_role" "softbus_sync" {
  count = local.use_identity_policy ? 0 : 1

  name        = var.policy_name
  description = "softbus-sync (federated Lambda): list, query and sync IoTDA HarmonyOS soft buses; read CTS traces"
  type        = "XA"
  policy      = jsonencode(jsondecode(file("${path.module}/../policies/softbus-sync.role-policy.json")))
}

resource "huaweicloud_identity_group_role_assignment" "softbus_sync" {
  count = local.use_identity_policy ? 0 : 1

  group_id   = huaweicloud_identity_group.softbus_sync.id
  role_id    = huaweicloud_identity_role.softbus_sync[0].id
  project_id = data.huaweicloud_identity_projects.iotda.projects[0].id
}
