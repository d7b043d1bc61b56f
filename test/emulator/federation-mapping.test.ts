/**
 * Identity conversion rules (Keystone mapping format) applied to ID token claims.
 */
import { describe, expect, test } from 'vitest';
import { applyMapping } from '../../emulator/federation/mapping.js';

const ROLE = 'arn:aws:iam::123456789012:role/softbus';

describe('applyMapping', () => {
  test('a rule whose remote conditions all hold gives its user and group', () => {
    const rules = [
      { local: [{ user: { name: 'u' } }, { group: { name: 'g' } }], remote: [{ type: 'sub', any_one_of: [ROLE] }, { type: 'aud' }] },
    ];
    expect(applyMapping(rules, { sub: ROLE, aud: 'x' })).toEqual({ user: 'u', groups: ['g'] });
    expect(applyMapping(rules, { sub: ROLE })).toBeUndefined();
    expect(applyMapping(rules, { sub: `${ROLE}-other`, aud: 'x' })).toBeUndefined();
  });

  test('not_any_of refuses listed values; {0} takes the matched value', () => {
    const rules = [{ local: [{ user: { name: 'fed-{0}' } }], remote: [{ type: 'team', not_any_of: ['blocked'] }] }];
    expect(applyMapping(rules, { team: 'ops' })).toEqual({ user: 'fed-ops', groups: [] });
    expect(applyMapping(rules, { team: 'blocked' })).toBeUndefined();
  });

  test('array claims match on any element; groups of every matching rule add up, the first user wins', () => {
    const rules = [
      { local: [{ user: { name: 'first' } }, { group: { name: 'a' } }], remote: [{ type: 'aud', any_one_of: ['x'] }] },
      { local: [{ user: { name: 'second' } }, { group: { name: 'b' } }], remote: [{ type: 'aud', any_one_of: ['y'] }] },
    ];
    expect(applyMapping(rules, { aud: ['y', 'x'] })).toEqual({ user: 'first', groups: ['a', 'b'] });
  });
});
