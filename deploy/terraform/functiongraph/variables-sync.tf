# Pacing settings of the function (docs/configuration.md). The defaults are the function's own,
# written out so that the console shows every setting; a test keeps them equal, but for SYNC_MAX_RPS:
# per instance, so 75 with max_instances = 2 (150 requests/s for the function, as one instance alone).

variable "sync_concurrency" {
  description = "SYNC_CONCURRENCY: bound on requests in flight (1-512); below it the function keeps rate x latency in flight."
  type        = number
  default     = 256
  validation {
    condition     = var.sync_concurrency >= 1 && var.sync_concurrency <= 512 && floor(var.sync_concurrency) == var.sync_concurrency
    error_message = "SYNC_CONCURRENCY must be a whole number from 1 to 512."
  }
}

variable "sync_max_rps" {
  description = "SYNC_MAX_RPS: the request budget per instance (0.1-1000), never exceeded: (IoTDA quota - other applications' use) / max_instances (2 x 75 = 150 by default)."
  type        = number
  default     = 75
  validation {
    condition     = var.sync_max_rps >= 0.1 && var.sync_max_rps <= 1000
    error_message = "SYNC_MAX_RPS must be between 0.1 and 1000."
  }
}

variable "sync_max_attempts" {
  description = "SYNC_MAX_ATTEMPTS: attempts per request, retries included (1-10)."
  type        = number
  default     = 4
  validation {
    condition     = var.sync_max_attempts >= 1 && var.sync_max_attempts <= 10 && floor(var.sync_max_attempts) == var.sync_max_attempts
    error_message = "SYNC_MAX_ATTEMPTS must be a whole number from 1 to 10."
  }
}

variable "sync_request_timeout_ms" {
  description = "SYNC_REQUEST_TIMEOUT_MS: timeout of each request (100-60000)."
  type        = number
  default     = 5000
  validation {
    condition     = var.sync_request_timeout_ms >= 100 && var.sync_request_timeout_ms <= 60000 && floor(var.sync_request_timeout_ms) == var.sync_request_timeout_ms
    error_message = "SYNC_REQUEST_TIMEOUT_MS must be a whole number from 100 to 60000."
  }
}

variable "sync_deadline_reserve_ms" {
  description = "SYNC_DEADLINE_RESERVE_MS: time kept before the platform's deadline for reporting (0-60000)."
  type        = number
  default     = 1500
  validation {
    condition     = var.sync_deadline_reserve_ms >= 0 && var.sync_deadline_reserve_ms <= 60000 && floor(var.sync_deadline_reserve_ms) == var.sync_deadline_reserve_ms
    error_message = "SYNC_DEADLINE_RESERVE_MS must be a whole number from 0 to 60000."
  }
}
