import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TenantRole } from './auth-user';

export const ACCESS_POLICY_KEY = 'strata:access-policy';

/**
 * Who may call a route. Every route declares one (the app refuses to start otherwise):
 * - `public`: anyone, no token;
 * - `authenticated`: any valid access token (the service may narrow it further);
 * - `superadmin`: platform superadmins only (403 to anyone else);
 * - `tenant`: members of the `:tenant` holding one of `roles`, and superadmins.
 * On a route with `:tenant` in its path the tenant is resolved first, so a non-member gets 404
 * before any other refusal: a tenant's existence is never revealed.
 */
export type AccessPolicy =
  | { readonly kind: 'public' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'superadmin' }
  | { readonly kind: 'tenant'; readonly roles: readonly TenantRole[] };

/** The policy of the route being served: the handler's, else its controller's. */
export function accessPolicyOf(reflector: Reflector, context: ExecutionContext): AccessPolicy | undefined {
  return reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY_KEY, [
    context.getHandler(),
    context.getClass(),
  ]);
}

export function describeAccessPolicy(policy: AccessPolicy): string {
  return policy.kind === 'tenant' ? `tenant roles: ${policy.roles.join(', ') || '(none)'}` : policy.kind;
}
