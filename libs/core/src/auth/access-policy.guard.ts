import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TENANT_ACCESS_RESOLVER, TenantAccessResolver } from '../tenancy/tenant-access.resolver';
import { TenantRequest } from '../tenancy/tenant-request';
import { accessPolicyOf } from './access-policy';
import { enforceAccessPolicy } from './access-policy-enforcement';

/**
 * Enforces the route's `AccessPolicy` after `JwtAuthGuard` has authenticated the caller
 * (`enforceAccessPolicy`). A route without a policy is refused to everyone: start-up already
 * refuses such an app, this is the second lock.
 */
@Injectable()
export class AccessPolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TENANT_ACCESS_RESOLVER)
    private readonly resolver: TenantAccessResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = accessPolicyOf(this.reflector, context);
    await enforceAccessPolicy(policy, context.switchToHttp().getRequest<TenantRequest>(), this.resolver);
    return true;
  }
}
