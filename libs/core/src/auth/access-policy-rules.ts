import { AccessPolicy } from './access-policy';

/** A route as the app serves it, with the access policy its decorators declare. */
export interface DeclaredRoute {
  method: string;
  /** The full path as Fastify serves it, e.g. `/api/tenants/:tenant`. */
  path: string;
  /** `Controller.method`, to find the code. */
  handler: string;
  policy: AccessPolicy | undefined;
}

const DECORATORS = '@Public(), @Authenticated(), @SuperadminOnly() or @TenantRoles(...)';

/** Why a route's policy is missing or unsafe; empty when every route is fine. */
export function accessPolicyProblems(routes: readonly DeclaredRoute[]): string[] {
  return routes.flatMap((route) => {
    const problem = problemOf(route);
    return problem ? [`${route.method} ${route.path} (${route.handler}) ${problem}`] : [];
  });
}

function problemOf({ path, policy }: DeclaredRoute): string | undefined {
  if (!policy) return `declares no access policy; add one of ${DECORATORS}`;
  const namesTenant = /(^|\/):tenant(\/|$)/.test(path);
  if (policy.kind === 'tenant') {
    if (policy.roles.length === 0) return 'lists no tenant role; name the roles, or use @SuperadminOnly()';
    if (!namesTenant) return 'has tenant roles but no :tenant in its path';
  }
  if (namesTenant && (policy.kind === 'public' || policy.kind === 'authenticated')) {
    return `names :tenant but is ${policy.kind}; use @TenantRoles(...) or @SuperadminOnly()`;
  }
  return undefined;
}
