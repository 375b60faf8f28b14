import { TENANT_ADMIN_RULE, USER_MEMBERSHIPS } from '@app/core';
import { Global, Module } from '@nestjs/common';
import { MembersRepository } from './members.repository';
import { TenantsAdminRule } from './tenant-admin-rule';
import { TenantUserMemberships } from './tenant-user-memberships';

/**
 * What the users lib needs from memberships, to every module, the API's and the worker's:
 * `TENANT_ADMIN_RULE` (deactivation, deletion and the inactive-user clean-up) and
 * `USER_MEMBERSHIPS` (`GET /auth/me`). Global, as the users lib cannot import the tenants lib.
 */
@Global()
@Module({
  providers: [
    MembersRepository,
    TenantsAdminRule,
    TenantUserMemberships,
    { provide: TENANT_ADMIN_RULE, useExisting: TenantsAdminRule },
    { provide: USER_MEMBERSHIPS, useExisting: TenantUserMemberships },
  ],
  exports: [TENANT_ADMIN_RULE, USER_MEMBERSHIPS],
})
export class TenantAdminRuleModule {}
