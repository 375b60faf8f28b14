import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, TenantRole } from './auth-user';
import { RequestActor } from './request-actor';

export const IS_PUBLIC_KEY = 'strata:public';
export const SUPERADMIN_ONLY_KEY = 'strata:superadmin-only';
export const TENANT_ROLES_KEY = 'strata:tenant-roles';

/** Opens a route to callers without a token. Every other route needs one. */
export const PUBLIC_OPERATION_EXTENSION = 'x-strata-public';
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));

/** Limits a route to platform superadmins. */
export const SuperadminOnly = () => applyDecorators(SetMetadata(SUPERADMIN_ONLY_KEY, true), ApiBearerAuth());

/**
 * Limits a `:tenant` route to members holding one of `roles` (superadmins always pass).
 * Non-members get 404, so a tenant's existence is not revealed.
 */
export const TenantRoles = (...roles: TenantRole[]) =>
  applyDecorators(SetMetadata(TENANT_ROLES_KEY, roles), ApiBearerAuth());

export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

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
