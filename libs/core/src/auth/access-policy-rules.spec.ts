import { AccessPolicy } from './access-policy';
import { accessPolicyProblems } from './access-policy-rules';
import { TenantRole } from './auth-user';

const route = (path: string, policy: AccessPolicy | undefined) => ({ method: 'GET', path, handler: 'X.y', policy });

describe('accessPolicyProblems', () => {
  it('accepts every well-declared kind', () => {
    expect(
      accessPolicyProblems([
        route('/api/auth/login', { kind: 'public' }),
        route('/api/auth/me', { kind: 'authenticated' }),
        route('/api/users', { kind: 'superadmin' }),
        route('/api/tenants/:tenant', { kind: 'superadmin' }),
        route('/api/tenants/:tenant/members', { kind: 'tenant', roles: [TenantRole.Admin] }),
      ]),
    ).toEqual([]);
  });

  it('names a route without a policy', () => {
    expect(accessPolicyProblems([route('/api/things', undefined)])).toEqual([
      expect.stringMatching(/^GET \/api\/things \(X\.y\) declares no access policy/),
    ]);
  });

  it('refuses a tenant route with no role', () => {
    expect(accessPolicyProblems([route('/api/tenants/:tenant', { kind: 'tenant', roles: [] })])).toEqual([
      expect.stringContaining('lists no tenant role'),
    ]);
  });

  it('refuses tenant roles on a path without :tenant', () => {
    expect(accessPolicyProblems([route('/api/things', { kind: 'tenant', roles: [TenantRole.Viewer] })])).toEqual([
      expect.stringContaining('no :tenant in its path'),
    ]);
  });

  it.each<AccessPolicy>([{ kind: 'public' }, { kind: 'authenticated' }])(
    'refuses a :tenant route that is $kind',
    (policy) => {
      expect(accessPolicyProblems([route('/api/tenants/:tenant/things', policy)])).toHaveLength(1);
    },
  );

  it('does not mistake a longer parameter for :tenant', () => {
    expect(accessPolicyProblems([route('/api/x/:tenantId', { kind: 'authenticated' })])).toEqual([]);
  });
});
