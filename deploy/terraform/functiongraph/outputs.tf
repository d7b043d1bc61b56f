output "function_urn" {
  description = "URN of the function (for invocations and the EventGrid subscription)."
  value       = huaweicloud_fgs_function.softbus_sync.urn
}

output "function_name" {
  description = "Name of the function."
  value       = huaweicloud_fgs_function.softbus_sync.name
}

output "log_group_id" {
  description = "LTS log group that receives the function's log lines."
  value       = huaweicloud_lts_group.softbus_sync.id
}

output "log_stream_id" {
  description = "LTS log stream of the function (structure it as JSON, docs/operations.md section 4)."
  value       = huaweicloud_lts_stream.softbus_sync.id
}

output "agency_name" {
  description = "Agency whose temporary keys the function uses."
  value       = huaweicloud_identity_agency.softbus_sync.name
}

output "timer_trigger_id" {
  description = "ID of the reconcile timer."
  value       = huaweicloud_fgs_function_trigger.reconcile.id
}

output "cts_trigger_id" {
  description = "ID of the CTS trigger, or null when it is disabled."
  value       = try(huaweicloud_fgs_function_trigger.group_changes[0].id, null)
}
