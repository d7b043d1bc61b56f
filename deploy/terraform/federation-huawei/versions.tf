terraform {
  required_version = ">= 1.3.0"

  required_providers {
    huaweicloud = {
      source = "huaweicloud/huaweicloud"
      # 1.84.0 added huaweicloud_identity_provider_mapping; 1.87.0 huaweicloud_identityv5_policy.
      # Checked against the docs of 1.97.1.
      version = ">= 1.87.0"
    }
  }
}

# Credentials of an IAM administrator from the environment (HW_ACCESS_KEY, HW_SECRET_KEY).
provider "huaweicloud" {
  region = var.region
}
