import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ACCESS_POLICY_KEY, AccessPolicy } from './access-policy';
import type { CacheVersions } from './access-cache/access-cache-version';
import { AuthUser, TenantRole } from './auth-user';
import { RequestActor } from './request-actor';
import { ApiTenantParam } from '../tenancy/api-tenant-param.decorator';

/** Marks an operation public in the OpenAPI document (swagger.ts gives it no security). */
export const PUBLIC_OPERATION_EXTENSION = 'x-strata-public';

const accessPolicy = (policy: AccessPolicy) => SetMetadata(ACCESS_POLICY_KEY, policy);

/** Opens a route to callers without a token. */
export const Public = () =>
  applyDecorators(accessPolicy({ kind: 'public' }), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));

/** Any caller with a valid access token; the service decides the rest (e.g. "only yourself"). */
export const Authenticated = () => applyDecorators(accessPolicy({ kind: 'authenticated' }), ApiBearerAuth());

/**
 * Limits a route to platform superadmins. On a `:tenant` route a non-member still gets 404
 * (the tenant is resolved first) and a member 403.
 */
export const SuperadminOnly = () => applyDecorators(accessPolicy({ kind: 'superadmin' }), ApiBearerAuth());

/**
 * Limits a `:tenant` route to members holding one of `roles` (superadmins always pass).
 * Non-members get 404, so a tenant's existence is not revealed. At least one role is required;
 * a superadmin-only tenant route uses `@SuperadminOnly()`.
 */
export const TenantRoles = (...roles: [TenantRole, ...TenantRole[]]) =>
  applyDecorators(accessPolicy({ kind: 'tenant', roles }), ApiBearerAuth(), ApiTenantParam());

export type AuthenticatedRequest = FastifyRequest & {
  user?: AuthUser;
  /** The shared cache versions read once for this request (`JwtAuthGuard`). */
  cacheVersions?: CacheVersions;
};

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});

export function actorFromRequest(request: AuthenticatedRequest): RequestActor {
  return {
    userId: request.user?.id ?? null,
    email: request.user?.email ?? null,
    isSuperadmin: request.user?.isSuperadmin ?? false,
    requestId: String(request.id),
    ip: request.ip ?? null,
  };
}

/** Who is acting and from where: what the audit trail records for a write. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestActor =>
  actorFromRequest(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);
