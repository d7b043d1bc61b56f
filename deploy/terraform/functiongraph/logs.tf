# The function's own log group and stream: one JSON object per line (docs/operations.md, section 4).

resource "huaweicloud_lts_group" "softbus_sync" {
  group_name  = "${var.function_name}-logs"
  ttl_in_days = var.log_retention_days
}

resource "huaweicloud_lts_stream" "softbus_sync" {
  group_id    = huaweicloud_lts_group.softbus_sync.id
  stream_name = var.function_name
}
