/**
 * Identity conversion (Keystone mapping): the rules whose remote conditions all hold turn the ID token's
 * claims into a federated user name and user groups. No matching rule = the token is refused.
 */
import type { MappingRule } from './iam-types.js';

export interface MappedIdentity {
  user: string;
  groups: string[];
}

function claimValues(claims: Record<string, unknown>, type: string): string[] | undefined {
  const value = claims[type];
  if (value === undefined || value === null) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** The values a remote entry matched, or undefined when it does not hold. */
function matchRemote(entry: MappingRule['remote'][number], claims: Record<string, unknown>): string[] | undefined {
  const values = claimValues(claims, entry.type);
  if (values === undefined) return undefined;
  if (entry.any_one_of) {
    const hits = values.filter((v) => entry.any_one_of?.includes(v));
    return hits.length > 0 ? hits : undefined;
  }
  if (entry.not_any_of) return values.some((v) => entry.not_any_of?.includes(v)) ? undefined : values;
  return values;
}

/**
 * @example
 * applyMapping([{ local: [{ user: { name: 'lambda' } }, { group: { name: 'softbus' } }], remote: [{ type: 'sub', any_one_of: [roleArn] }] }], { sub: roleArn })
 * // { user: 'lambda', groups: ['softbus'] }
 */
export function applyMapping(rules: MappingRule[], claims: Record<string, unknown>): MappedIdentity | undefined {
  let user: string | undefined;
  const groups = new Set<string>();
  for (const rule of rules) {
    const matched: string[][] = [];
    let holds = true;
    for (const entry of rule.remote) {
      const values = matchRemote(entry, claims);
      if (values === undefined) {
        holds = false;
        break;
      }
      matched.push(values);
    }
    if (!holds) continue;
    const fill = (text: string) => text.replace(/\{(\d+)\}/g, (_, i: string) => matched[Number(i)]?.join(',') ?? '');
    for (const local of rule.local) {
      if ('user' in local && user === undefined) user = fill(local.user.name);
      if ('group' in local) groups.add(fill(local.group.name));
    }
  }
  return user === undefined ? undefined : { user, groups: [...groups] };
}
