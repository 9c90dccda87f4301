import { rolesFromClaims } from './role-mapping';

const groups = { admin: ['rg-admins'], agent: ['rg-agents', 'helpdesk'], auditor: ['rg-auditors'] };

describe('rolesFromClaims', () => {
  it('maps every configured group the user is in, in a stable order', () => {
    expect(rolesFromClaims({ groups: ['helpdesk', 'rg-auditors', 'other'] }, 'groups', groups)).toEqual(['agent', 'auditor']);
  });

  it('accepts a single group sent as a string and reads the configured claim', () => {
    expect(rolesFromClaims({ roles: 'rg-admins' }, 'roles', groups)).toEqual(['admin']);
  });

  it('grants nothing for a missing claim, other types, or near-miss names', () => {
    expect(rolesFromClaims({}, 'groups', groups)).toEqual([]);
    expect(rolesFromClaims({ groups: { admin: true } }, 'groups', groups)).toEqual([]);
    expect(rolesFromClaims({ groups: ['rg-admins-test', 'RG-ADMINS', 42] }, 'groups', groups)).toEqual([]);
  });
});
