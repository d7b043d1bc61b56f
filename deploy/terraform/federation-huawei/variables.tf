variable "region" {
  description = "Region of IoTDA (and of CTS): the project the federated keys are for, e.g. cn-north-4."
  type        = string
  validation {
    condition     = can(regex("^[a-z]{2,}-[a-z]+-[0-9]{1,2}$", var.region))
    error_message = "The region must be a region ID such as cn-north-4."
  }
}

variable "project_name" {
  description = "IAM project of IoTDA; null means the region's default project (its name is the region ID)."
  type        = string
  default     = null
}

variable "identity_provider_name" {
  description = "Name of the identity provider in Huawei Cloud IAM; it is also the provider's ID (X-Idp-Id)."
  type        = string
  default     = "aws-softbus-sync"
  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.identity_provider_name))
    error_message = "The identity provider name may hold letters, digits, '_' and '-', at most 64."
  }
}

variable "issuer_url" {
  description = "Issuer URL of the AWS account's outbound identity federation (the JWT's iss), as AWS shows it after enabling the feature."
  type        = string
  validation {
    condition     = can(regex("^https://[^\\s]+$", var.issuer_url)) && !endswith(var.issuer_url, "/")
    error_message = "The issuer URL must start with https:// and carry no trailing slash (it must equal the token's iss)."
  }
}

variable "audience" {
  description = "Audience the Lambda asks STS for (the JWT's aud); registered as the provider's client ID."
  type        = string
  validation {
    condition     = length(var.audience) > 0 && length(var.audience) <= 255
    error_message = "The audience must not be empty."
  }
}

variable "jwks_json" {
  description = "Content of the issuer's JWKS (<issuer>/.well-known/jwks.json): the public keys IAM checks the JWT signature with."
  type        = string
  validation {
    condition     = try(length(jsondecode(var.jwks_json).keys) > 0 && alltrue([for key in jsondecode(var.jwks_json).keys : can(key.kty)]), false)
    error_message = "jwks_json must be a JSON Web Key Set: an object with a non-empty \"keys\" array of keys, each with its \"kty\"."
  }
}

variable "lambda_role_arn" {
  description = "ARN of the Lambda's execution role: the only JWT subject (sub) the mapping rule admits."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.lambda_role_arn))
    error_message = "The Lambda role ARN must look like arn:aws:iam::123456789012:role/name."
  }
}

variable "federated_user_name" {
  description = "Name the federated user gets in IAM (letters, digits, spaces, '-', '_', '.'; not starting with a digit)."
  type        = string
  default     = "softbus-sync-lambda"
  validation {
    condition     = can(regex("^[A-Za-z_.-][A-Za-z0-9 _.-]{0,63}$", var.federated_user_name))
    error_message = "The federated user name may hold letters, digits, spaces, '-', '_' and '.', and must not start with a digit."
  }
}

variable "group_name" {
  description = "User group the federated user lands in; it holds only the soft-bus policy."
  type        = string
  default     = "softbus-sync-federated"
}

variable "policy_name" {
  description = "Name of the custom policy (distinct from the FunctionGraph module's, which may live in the same account)."
  type        = string
  default     = "softbus-sync-federation-policy"
}

variable "iam_policy_edition" {
  description = "identity_policy: an identity policy (Version 5.0) attached to the group; role: a custom policy (Version 1.1) granted in the IoTDA project."
  type        = string
  default     = "identity_policy"
  validation {
    condition     = contains(["identity_policy", "role"], var.iam_policy_edition)
    error_message = "The IAM policy edition must be identity_policy or role."
  }
}
