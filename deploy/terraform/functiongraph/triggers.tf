locals {
  # TIMER event data (FunctionGraph CreateFunctionTrigger: name, schedule_type, schedule, user_event).
  timer_event_data = {
    name          = "softbus-sync-reconcile"
    schedule_type = "Rate"
    schedule      = var.timer_period
    user_event    = var.timer_user_event
  }

  # CTS event data: "service:resource type:operation;operation…". deleteDeviceGroup is not
  # subscribed: the function ignores deletions anyway.
  cts_event_data = {
    name       = var.cts_trigger_name
    operations = ["IoTDA:device-group:addDeviceGroup;updateDeviceGroup;manageDevicesInGroup"]
  }
}

# Reconcile: catches whatever the CTS path missed (delivery takes minutes and is best effort).
resource "huaweicloud_fgs_function_trigger" "reconcile" {
  function_urn = huaweicloud_fgs_function.softbus_sync.urn
  type         = "TIMER"
  status       = "ACTIVE"
  event_data   = jsonencode(local.timer_event_data)
}

# Group changes as audited by CTS. FunctionGraph's documentation asks for an agency with CTS
# permissions for this trigger, so it is created once the agency holds its policy.
resource "huaweicloud_fgs_function_trigger" "group_changes" {
  count = var.cts_trigger_enabled ? 1 : 0

  function_urn = huaweicloud_fgs_function.softbus_sync.urn
  type         = "CTS"
  status       = "ACTIVE"
  event_data   = jsonencode(local.cts_event_data)

  depends_on = [huaweicloud_identityv5_policy_agency_attach.softbus_sync, huaweicloud_identity_agency.softbus_sync]
}
