# Triggers and permissions.

variable "timer_period" {
  description = "Rate of the reconcile timer: 1-60m, 1-24h or 1-30d. Keep it longer than the timeout so that runs do not overlap."
  type        = string
  default     = "15m"
  validation {
    condition     = can(regex("^(([1-9]|[1-5][0-9]|60)m|([1-9]|1[0-9]|2[0-4])h|([1-9]|[12][0-9]|30)d)$", var.timer_period))
    error_message = "The timer period must be a FunctionGraph rate: 1-60m, 1-24h or 1-30d."
  }
}

variable "timer_user_event" {
  description = "The timer's additional information, the JSON the function reads: {\"scope\":\"pending\"}, {\"scope\":\"all\"} or {\"groupIds\":[...]} (under 2 KB)."
  type        = string
  default     = "{\"scope\":\"pending\"}"
  validation {
    condition     = can(jsondecode(var.timer_user_event)) && length(var.timer_user_event) <= 2048
    error_message = "The timer's user event must be JSON of at most 2048 characters."
  }
}

variable "cts_trigger_enabled" {
  description = "Create the CTS trigger on IoTDA device-group changes (needs CTS enabled, i.e. a tracker, in the region)."
  type        = bool
  default     = true
}

variable "cts_trigger_name" {
  description = "Name of the CTS trigger (letters, digits and '_', starting with a letter, at most 64)."
  type        = string
  default     = "softbus_sync_device_group"
  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,63}$", var.cts_trigger_name))
    error_message = "The CTS trigger name may hold letters, digits and '_', must start with a letter and hold at most 64 characters."
  }
}

variable "agency_name" {
  description = "Name of the agency delegated to FunctionGraph whose temporary keys sign the function's calls."
  type        = string
  default     = "softbus-sync-agency"
}

variable "policy_name" {
  description = "Name of the custom policy holding the soft-bus actions and the CTS trace read."
  type        = string
  default     = "softbus-sync-agency-policy"
}

variable "iam_policy_edition" {
  description = "identity_policy: an IAM identity policy (Version 5.0, the form the IoTDA and CTS API references list these actions under) attached to the agency; role: a custom policy (Version 1.1) granted in the region's project."
  type        = string
  default     = "identity_policy"
  validation {
    condition     = contains(["identity_policy", "role"], var.iam_policy_edition)
    error_message = "The IAM policy edition must be identity_policy or role."
  }
}
