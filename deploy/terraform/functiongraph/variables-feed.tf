# The change feed and verified syncs (docs/change-feed.md). The module turns the feed on: every
# timer run also reads CTS's IoTDA device-group traces of the look-back window and resyncs the changed
# groups, the safety net behind the CTS trigger (whose delivery is best effort). The agency's policy
# grants the trace read (cts:trace:list) and the bus read verification uses (iotda:harmonysoftbus:query).

variable "change_feed" {
  description = "SYNC_CHANGE_FEED: cts = every timer run reads CTS's device-group traces and resyncs the changed groups; off = group changes reach the function only through the CTS trigger."
  type        = string
  default     = "cts"
  validation {
    condition     = contains(["cts", "off"], var.change_feed)
    error_message = "change_feed must be cts or off."
  }
}

variable "change_lookback" {
  description = "SYNC_CHANGE_LOOKBACK: how far back each timer run reads (a duration such as 35m, 1h or 1h30m; 1m to 7d). Keep it at least twice timer_period plus CTS's delivery delay, so that two runs see every change."
  type        = string
  default     = "35m"
  validation {
    condition     = can(regex("^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$", var.change_lookback)) && var.change_lookback != ""
    error_message = "change_lookback must be a duration such as 35m, 1h or 1h30m."
  }
}

variable "cts_endpoint" {
  description = "CTS_ENDPOINT: empty = https://cts.<region>.myhuaweicloud.com (eu-west-101: .myhuaweicloud.eu)."
  type        = string
  default     = ""
  validation {
    condition     = var.cts_endpoint == "" || can(regex("^https://[A-Za-z0-9.-]+(:[0-9]+)?$", var.cts_endpoint))
    error_message = "The CTS endpoint must be https://host[:port] (no path), or empty."
  }
}

variable "sync_verify" {
  description = "SYNC_VERIFY: after syncing, poll each synced bus until it is Synchronized (bounded, inside the deadline) and report confirmed and unconfirmed buses."
  type        = bool
  default     = false
}
