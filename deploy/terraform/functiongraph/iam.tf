# The agency FunctionGraph assumes for the function: its temporary keys reach the handler through
# the context, and its only permissions are the soft-bus actions and the CTS trace read
# (deploy/terraform/policies/). Nothing else: not IoTDA FullAccess, not Tenant Administrator.

locals {
  use_identity_policy = var.iam_policy_edition == "identity_policy"
  iam_project_name    = coalesce(var.project_name, var.region)
}

# Edition "identity_policy": a custom identity policy attached to the agency.
resource "huaweicloud_identityv5_policy" "softbus_sync" {
  count = local.use_identity_policy ? 1 : 0

  name            = var.policy_name
  description     = "softbus-sync: list, query and sync IoTDA HarmonyOS soft buses; read CTS traces"
  policy_document = jsonencode(jsondecode(file("${path.module}/../policies/softbus-sync.identity-policy.json")))
}

resource "huaweicloud_identityv5_policy_agency_attach" "softbus_sync" {
  count = local.use_identity_policy ? 1 : 0

  policy_id = huaweicloud_identityv5_policy.softbus_sync[0].id
  agency_id = huaweicloud_identity_agency.softbus_sync.id
}

# Edition "role": a project-level custom policy (type XA) granted in the IoTDA region's project only.
resource "huaweicloud_identity_role" "softbus_sync" {
  count = local.use_identity_policy ? 0 : 1

  name        = var.policy_name
  description = "softbus-sync: list, query and sync IoTDA HarmonyOS soft buses; read CTS traces"
  type        = "XA"
  policy      = jsonencode(jsondecode(file("${path.module}/../policies/softbus-sync.role-policy.json")))
}

resource "huaweicloud_identity_agency" "softbus_sync" {
  name        = var.agency_name
  description = "softbus-sync function: list, query and sync soft buses, read CTS traces"
  # The cloud service FunctionGraph. The provider's schema takes it here (delegated_domain_name
  # would read back as this field and show a change on every plan).
  delegated_service_name = "op_svc_cff"
  duration               = "FOREVER"

  dynamic "project_role" {
    for_each = huaweicloud_identity_role.softbus_sync
    content {
      project = local.iam_project_name
      roles   = [project_role.value.name]
    }
  }
}
