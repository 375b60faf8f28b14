import { TenantAdminRule } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MembersRepository } from './members.repository';

/** The tenants lib's side of `TenantAdminRule`: memberships are its tables. */
@Injectable()
export class TenantsAdminRule implements TenantAdminRule {
  constructor(private readonly members: MembersRepository) {}

  lockTenantsAdministeredBy(manager: EntityManager, userIds: string[]): Promise<void> {
    return this.members.lockTenantsAdministeredBy(manager, userIds);
  }

  tenantsLeftWithoutAdmin(manager: EntityManager, userId: string): Promise<string[]> {
    return this.members.tenantsWithNoOtherActiveAdmin(manager, userId);
  }
}
