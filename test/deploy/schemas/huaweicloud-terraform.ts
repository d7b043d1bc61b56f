/**
 * The huaweicloud Terraform provider's resources that deploy/terraform uses, transcribed from the
 * provider's own documentation: terraform-provider-huaweicloud v1.97.1 (snapshot of main at a0345b8,
 * 2026-08-21), files docs/resources/<type without the huaweicloud_ prefix>.md and
 * docs/data-sources/identity_projects.md. Each resource lists every documented argument (inputs only;
 * exported attributes are not arguments) and its nested blocks, so that a misspelled or invented name
 * fails the deploy test. Trigger event data comes from FunctionGraph's CreateFunctionTrigger request
 * body (TriggerEventDataRequestBody in huaweicloud-sdk-go-v3, services/functiongraph/v2/model).
 */
import { FUNCTIONGRAPH_NODE_RUNTIMES } from './huawei-functions';

export type ValueType = 'string' | 'number' | 'bool' | 'list' | 'map';
export interface Argument {
  type: ValueType;
  required?: boolean;
  /** The documented values, where the documentation gives a closed list. */
  oneOf?: readonly (string | number | boolean)[];
  range?: readonly [number, number];
}
export interface BlockSchema {
  doc?: string;
  arguments: Record<string, Argument>;
  blocks?: Record<string, BlockSchema & { maxItems?: number }>;
  /** Groups of arguments of which exactly one must be set. */
  exactlyOneOf?: readonly (readonly string[])[];
}

type Options = Omit<Argument, 'type'>;
const str = (options: Options = {}): Argument => ({ type: 'string', ...options });
const num = (options: Options = {}): Argument => ({ type: 'number', ...options });
const bool = (options: Options = {}): Argument => ({ type: 'bool', ...options });
const list = (options: Options = {}): Argument => ({ type: 'list', ...options });
const map = (options: Options = {}): Argument => ({ type: 'map', ...options });
const required = { required: true } as const;
const timeouts = (...names: string[]): BlockSchema => ({ arguments: Object.fromEntries(names.map((name) => [name, str()])) });

// biome-ignore format: a table, one line per group
/** The runtimes docs/resources/fgs_function.md lists, plus FunctionGraph's Node.js runtimes it refers to. */
const FGS_RUNTIMES = [
  'Java8', 'Java11', 'Python2.7', 'Python3.6', 'Python3.9', 'Python3.10', 'Go1.x', 'C#(.NET Core 2.1)', 'C#(.NET Core 3.1)',
  'Custom', 'PHP7.3', 'http', 'Custom Image', 'Cangjie1.0', ...FUNCTIONGRAPH_NODE_RUNTIMES,
] as const;

// biome-ignore format: a table, one line per group
const fgsFunction: BlockSchema = {
  doc: 'docs/resources/fgs_function.md',
  arguments: {
    region: str(), name: str(required), memory_size: num(required), runtime: str({ ...required, oneOf: FGS_RUNTIMES }),
    timeout: num({ ...required, range: [3, 259_200] }), app: str(required), handler: str(required),
    code_type: str({ ...required, oneOf: ['inline', 'zip', 'jar', 'obs', 'Custom-Image-Swr'] }),
    description: str(), functiongraph_version: str({ oneOf: ['v1', 'v2'] }), func_code: str(), code_url: str(), code_filename: str(),
    depend_list: list(), user_data: str(), encrypted_user_data: str(), agency: str(), app_agency: str(), initializer_handler: str(),
    initializer_timeout: num({ range: [1, 300] }), enterprise_project_id: str(), vpc_id: str(), network_id: str(), dns_list: str(),
    mount_user_id: num(), mount_user_group_id: num(), max_instance_num: str(), tags: map(), enable_lts_log: bool(),
    log_group_id: str(), log_group_name: str(), log_stream_id: str(), log_stream_name: str(), concurrency_num: num({ range: [1, 1000] }),
    gpu_type: str(), gpu_memory: num(), enable_dynamic_memory: bool(), is_stateful_function: bool(), peering_cidr: str(),
    enable_auth_in_header: bool(), enable_class_isolation: bool(), ephemeral_storage: num({ oneOf: [512, 10240] }),
    heartbeat_handler: str(), restore_hook_handler: str(), restore_hook_timeout: num({ range: [1, 300] }), lts_custom_tag: map(),
    user_data_encrypt_kms_key_id: str(), code_encrypt_kms_key_id: str(),
  },
  blocks: {
    func_mounts: { arguments: { mount_type: str(required), mount_resource: str(required), mount_share_path: str(required), local_mount_path: str(required) } },
    custom_image: { arguments: { url: str(required), command: str(), args: str(), working_dir: str() } },
    versions: {
      arguments: { name: str(required), description: str() },
      blocks: { aliases: { arguments: { name: str(required), description: str(), additional_version_weights: str(), additional_version_strategy: str() } } },
    },
    reserved_instances: {
      arguments: { qualifier_type: str({ ...required, oneOf: ['version', 'alias'] }), qualifier_name: str(required), count: num(required), idle_mode: bool() },
      blocks: {
        tactics_config: {
          arguments: {},
          blocks: {
            cron_configs: { arguments: { name: str(required), cron: str(required), count: num(required), start_time: num(required), expired_time: num(required) } },
            metric_configs: { arguments: { name: str(required), type: str(required), threshold: num(required), min: num(required) } },
          },
        },
      },
    },
    network_controller: {
      arguments: { disable_public_network: bool() },
      blocks: { trigger_access_vpcs: { arguments: { vpc_id: str(), vpc_name: str() } } },
    },
    timeouts: timeouts('create', 'delete'),
  },
};

// biome-ignore format: a table, one line per group
export const HUAWEICLOUD_RESOURCES: Record<string, BlockSchema> = {
  huaweicloud_fgs_function: fgsFunction,
  huaweicloud_fgs_function_trigger: {
    doc: 'docs/resources/fgs_function_trigger.md',
    arguments: {
      region: str(), function_urn: str(required), type: str(required), event_data: str(required),
      status: str({ oneOf: ['ACTIVE', 'DISABLED'] }), cascade_delete_eg_subscription: bool(),
    },
    blocks: { timeouts: timeouts('update', 'delete') },
  },
  huaweicloud_lts_group: {
    doc: 'docs/resources/lts_group.md',
    arguments: { region: str(), group_name: str(required), ttl_in_days: num({ ...required, range: [1, 365] }), tags: map(), enterprise_project_id: str() },
  },
  huaweicloud_lts_stream: {
    doc: 'docs/resources/lts_stream.md',
    arguments: {
      region: str(), group_id: str(required), stream_name: str(required), ttl_in_days: num({ range: [-1, 365] }),
      enterprise_project_id: str(), tags: map(), is_favorite: bool(),
    },
  },
  huaweicloud_identity_agency: {
    doc: 'docs/resources/identity_agency.md',
    arguments: {
      name: str(required), delegated_domain_name: str(), description: str(), duration: str(), domain_roles: list(),
      all_resources_roles: list(), force_dissociate_v5_policies: bool(),
      // Not in the docs since 2022 (commit df09513), but in the resource's schema
      // (huaweicloud/services/iam/resource_huaweicloud_identity_agency.go: "delegated_service_name",
      // ExactlyOneOf delegated_domain_name; values matching ^op_svc_ read back into it).
      delegated_service_name: str(),
    },
    exactlyOneOf: [['delegated_domain_name', 'delegated_service_name']],
    blocks: {
      project_role: { arguments: { project: str(required), roles: list(required) } },
      enterprise_project_roles: { arguments: { enterprise_project: str(required), roles: list(required) } },
      timeouts: timeouts('read', 'update', 'delete'),
    },
  },
  huaweicloud_identity_role: {
    doc: 'docs/resources/identity_role.md',
    arguments: { name: str(required), description: str(required), type: str({ ...required, oneOf: ['AX', 'XA'] }), policy: str(required) },
  },
  huaweicloud_identityv5_policy: {
    doc: 'docs/resources/identityv5_policy.md',
    arguments: { name: str(required), policy_document: str(required), path: str(), description: str(), version_to_delete: str() },
  },
  huaweicloud_identityv5_policy_agency_attach: {
    doc: 'docs/resources/identityv5_policy_agency_attach.md',
    arguments: { policy_id: str(required), agency_id: str(required) },
  },
  huaweicloud_identityv5_policy_group_attach: {
    doc: 'docs/resources/identityv5_policy_group_attach.md',
    arguments: { policy_id: str(required), group_id: str(required) },
  },
  huaweicloud_identity_group: {
    doc: 'docs/resources/identity_group.md',
    arguments: { name: str(required), description: str() },
    blocks: { timeouts: timeouts('create') },
  },
  huaweicloud_identity_group_role_assignment: {
    doc: 'docs/resources/identity_group_role_assignment.md',
    arguments: { group_id: str(required), role_id: str(required), domain_id: str(), project_id: str(), enterprise_project_id: str() },
    exactlyOneOf: [['domain_id', 'project_id', 'enterprise_project_id']],
    blocks: { timeouts: timeouts('create') },
  },
  huaweicloud_identity_provider: {
    doc: 'docs/resources/identity_provider.md',
    arguments: {
      name: str(required), protocol: str({ oneOf: ['saml', 'oidc'] }), status: bool(), description: str(),
      sso_type: str({ oneOf: ['virtual_user_sso', 'iam_user_sso'] }), metadata: str(),
    },
    blocks: {
      access_config: {
        maxItems: 1,
        arguments: {
          access_type: str({ ...required, oneOf: ['program', 'program_console'] }), provider_url: str(required), client_id: str(required),
          signing_key: str(required), authorization_endpoint: str(), scopes: list(), response_type: str({ oneOf: ['id_token'] }),
          response_mode: str({ oneOf: ['form_post', 'fragment'] }),
        },
      },
    },
  },
  huaweicloud_identity_provider_mapping: {
    doc: 'docs/resources/identity_provider_mapping.md',
    arguments: { provider_id: str(required), mapping_rules: str(required) },
  },
};

export const HUAWEICLOUD_DATA_SOURCES: Record<string, BlockSchema> = {
  huaweicloud_identity_projects: { doc: 'docs/data-sources/identity_projects.md', arguments: { name: str(), project_id: str() } },
};

/** Keys of `event_data` per trigger type (TriggerEventDataRequestBody: TIMER and CTS parameters). */
export const TRIGGER_EVENT_DATA = {
  TIMER: { required: ['schedule_type', 'schedule'], optional: ['name', 'user_event'] },
  CTS: { required: ['operations'], optional: ['name'] },
} as const;
