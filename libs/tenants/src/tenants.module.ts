import { TENANT_ACCESS_RESOLVER } from '@app/core';
import { UsersModule } from '@app/users';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { MembershipEntity } from './membership.entity';
import { TenantAdminRuleModule } from './tenant-admin-rule.module';
import { TenantsAccessResolver } from './tenant-access.resolver';
import { TenantMigrationsModule } from './tenant-migrations/tenant-migrations.module';
import { TenantEntity } from './tenant.entity';
import { TenantsController } from './tenants.controller';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';

/**
 * Tenants, memberships and tenant schemas. Global so that every module's `AccessPolicyGuard`
 * finds the real `TENANT_ACCESS_RESOLVER`; also brings stale tenant schemas up to date at start-up.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([TenantEntity, MembershipEntity]),
    UsersModule,
    TenantMigrationsModule,
    TenantAdminRuleModule,
  ],
  controllers: [TenantsController, MembersController],
  providers: [
    TenantsRepository,
    MembersRepository,
    TenantsService,
    MembersService,
    TenantsAccessResolver,
    { provide: TENANT_ACCESS_RESOLVER, useExisting: TenantsAccessResolver },
  ],
  exports: [TENANT_ACCESS_RESOLVER, TenantsService, MembersService, TenantMigrationsModule],
})
export class TenantsModule {}
