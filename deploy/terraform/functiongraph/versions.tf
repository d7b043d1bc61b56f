terraform {
  # 1.3: optional defaults and null-safe validations used below.
  required_version = ">= 1.3.0"

  required_providers {
    huaweicloud = {
      source = "huaweicloud/huaweicloud"
      # 1.95.0 added huaweicloud_identityv5_policy_agency_attach; checked against the docs of 1.97.1.
      version = ">= 1.95.0"
    }
  }
}

# Deploy credentials come from the environment (HW_ACCESS_KEY, HW_SECRET_KEY, optional
# HW_SECURITY_TOKEN): never from this configuration. The function itself uses the agency's keys.
provider "huaweicloud" {
  region = var.region
}
