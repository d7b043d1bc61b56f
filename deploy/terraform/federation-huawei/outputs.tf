output "identity_provider_id" {
  description = "ID of the identity provider: the X-Idp-Id header of the token exchange the Lambda makes."
  value       = huaweicloud_identity_provider.aws.id
}

output "project_id" {
  description = "ID of the IoTDA project: the project of the Lambda's IoTDA and CTS calls."
  value       = data.huaweicloud_identity_projects.iotda.projects[0].id
}

output "iam_endpoint" {
  description = "Regional IAM endpoint for the token exchange (https://iam.<region>.myhuaweicloud.com)."
  value       = "https://iam.${var.region}.myhuaweicloud.com"
}

output "audience" {
  description = "Audience the Lambda must ask STS for (the provider's client ID)."
  value       = var.audience
}

output "group_id" {
  description = "User group of the federated Lambda user."
  value       = huaweicloud_identity_group.softbus_sync.id
}
