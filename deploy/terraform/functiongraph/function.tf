locals {
  package_path = coalesce(var.package_path, "${path.module}/../../../dist/softbus-sync-functiongraph.zip")

  # Only names that src/config.ts reads (CONFIG_ENV_NAMES; a test keeps it so). No credentials,
  # ever: the keys are the agency's, the project ID is the function's. Empty values are left out,
  # so the function's own defaults apply (all variables together may hold at most 4,096 characters).
  function_environment = {
    IOTDA_REGION             = var.region
    IOTDA_ENDPOINT           = var.iotda_endpoint
    IOTDA_INSTANCE_ID        = var.iotda_instance_id
    IOTDA_AUTH               = var.iotda_auth
    SYNC_CONCURRENCY         = tostring(var.sync_concurrency)
    SYNC_MAX_RPS             = tostring(var.sync_max_rps)
    SYNC_MAX_ATTEMPTS        = tostring(var.sync_max_attempts)
    SYNC_REQUEST_TIMEOUT_MS  = tostring(var.sync_request_timeout_ms)
    SYNC_DEADLINE_RESERVE_MS = tostring(var.sync_deadline_reserve_ms)
    LOG_LEVEL                = var.log_level
    # The change feed and verified syncs (variables-feed.tf): the feed is on for the timer.
    SYNC_CHANGE_FEED     = var.change_feed
    SYNC_CHANGE_LOOKBACK = var.change_lookback
    CTS_ENDPOINT         = var.cts_endpoint
    SYNC_VERIFY          = tostring(var.sync_verify)
  }
  user_data = { for name, value in local.function_environment : name => value if value != null && value != "" }
}

resource "huaweicloud_fgs_function" "softbus_sync" {
  name        = var.function_name
  app         = "default"
  description = "Syncs IoTDA HarmonyOS soft buses after device-group changes and on a schedule"
  runtime     = "Node.js20.15"
  handler     = "index.handler"
  memory_size = var.memory_size
  timeout     = var.timeout

  # The zip of `npm run package`: index.js and index.js.map at its root. A changed zip is a new
  # func_code, so `terraform apply` uploads it.
  code_type     = "zip"
  code_filename = basename(local.package_path)
  func_code     = filebase64(local.package_path)

  agency    = huaweicloud_identity_agency.softbus_sync.name
  user_data = jsonencode(local.user_data)

  # FunctionGraph v2 functions only; null leaves the platform's value.
  max_instance_num = var.max_instances == null ? null : tostring(var.max_instances)

  enable_lts_log  = true
  log_group_id    = huaweicloud_lts_group.softbus_sync.id
  log_group_name  = huaweicloud_lts_group.softbus_sync.group_name
  log_stream_id   = huaweicloud_lts_stream.softbus_sync.id
  log_stream_name = huaweicloud_lts_stream.softbus_sync.stream_name
}
