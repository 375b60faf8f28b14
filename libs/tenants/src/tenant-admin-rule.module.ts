import { TENANT_ADMIN_RULE } from '@app/core';
import { Global, Module } from '@nestjs/common';
import { MembersRepository } from './members.repository';
import { TenantsAdminRule } from './tenant-admin-rule';

/**
 * Provides `TENANT_ADMIN_RULE` to every module, the API's and the worker's (the users lib's
 * deactivation, deletion and inactive-user clean-up need it); global, as the users lib cannot
 * import the tenants lib.
 */
@Global()
@Module({
  providers: [MembersRepository, TenantsAdminRule, { provide: TENANT_ADMIN_RULE, useExisting: TenantsAdminRule }],
  exports: [TENANT_ADMIN_RULE],
})
export class TenantAdminRuleModule {}
