# Where the function runs and which IoTDA it talks to.

variable "region" {
  description = "Region of the function and of IoTDA, e.g. cn-north-4 (also IOTDA_REGION and the agency's project)."
  type        = string
  validation {
    condition     = can(regex("^[a-z]{2,}-[a-z]+-[0-9]{1,2}$", var.region))
    error_message = "The region must be a region ID such as cn-north-4."
  }
}

variable "project_name" {
  description = "IAM project the role-edition policy is granted in; null means the region's default project (its name is the region ID)."
  type        = string
  default     = null
}

variable "iotda_endpoint" {
  description = "IOTDA_ENDPOINT: instance endpoint such as https://<id>.st1.iotda-app.cn-north-4.myhuaweicloud.com; empty = https://iotda.<region>.myhuaweicloud.com."
  type        = string
  default     = ""
  validation {
    condition     = var.iotda_endpoint == "" || can(regex("^https://[A-Za-z0-9.-]+(:[0-9]+)?$", var.iotda_endpoint))
    error_message = "The IoTDA endpoint must be https://host[:port] (no path), or empty."
  }
}

variable "iotda_instance_id" {
  description = "IOTDA_INSTANCE_ID: sent as the Instance-Id header; empty = not sent."
  type        = string
  default     = ""
  validation {
    condition     = var.iotda_instance_id == "" || can(regex("^[0-9A-Za-z-]{1,64}$", var.iotda_instance_id))
    error_message = "The IoTDA instance ID may hold letters, digits and '-', at most 64."
  }
}

variable "iotda_auth" {
  description = "IOTDA_AUTH: auto, derived or basic (see docs/configuration.md)."
  type        = string
  default     = "auto"
  validation {
    condition     = contains(["auto", "derived", "basic"], var.iotda_auth)
    error_message = "IOTDA_AUTH must be auto, derived or basic."
  }
}

# The function.

variable "function_name" {
  description = "Name of the function (2-60 characters: letters, digits, '_' and '-', starting with a letter)."
  type        = string
  default     = "softbus-sync"
  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$", var.function_name))
    error_message = "The function name must be 2-60 letters, digits, '_' or '-', start with a letter and end with a letter or digit."
  }
}

variable "package_path" {
  description = "Path of the upload package built by `npm run package`; null = dist/softbus-sync-functiongraph.zip of this repository."
  type        = string
  default     = null
}

variable "memory_size" {
  description = "Memory in MB: I/O bound; 256 holds 512 requests in flight over TLS (127 MiB peak, bench/README.md)."
  type        = number
  default     = 256
  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && var.memory_size % 128 == 0
    error_message = "The memory size must be a multiple of 128 MB between 128 and 10240."
  }
}

variable "timeout" {
  description = "Timeout in seconds. Timers invoke synchronously, whose limit is 900 s."
  type        = number
  default     = 300
  validation {
    condition     = var.timeout >= 3 && var.timeout <= 900
    error_message = "The timeout must be between 3 and 900 seconds."
  }
}

variable "max_instances" {
  description = "FunctionGraph's maximum instance count for the function (-1 unlimited, 1-1000); null keeps the platform's value. Every instance paces itself, so N instances may send N times SYNC_MAX_RPS: 2 x 75 = 150 requests/s by default."
  type        = number
  default     = 2
  validation {
    condition     = var.max_instances == null ? true : (var.max_instances >= -1 && var.max_instances <= 1000 && var.max_instances != 0)
    error_message = "The maximum instance count must be -1 (unlimited) or 1-1000 (0 would disable the function)."
  }
}

variable "log_level" {
  description = "LOG_LEVEL: debug, info, warn or error."
  type        = string
  default     = "info"
  validation {
    condition     = contains(["debug", "info", "warn", "error"], var.log_level)
    error_message = "LOG_LEVEL must be debug, info, warn or error."
  }
}

variable "log_retention_days" {
  description = "Days the LTS log group keeps the function's logs (1-365)."
  type        = number
  default     = 30
  validation {
    condition     = var.log_retention_days >= 1 && var.log_retention_days <= 365
    error_message = "The log retention must be between 1 and 365 days."
  }
}
