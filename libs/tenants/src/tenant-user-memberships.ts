import { UserMembership, UserMemberships } from '@app/core';
import { Injectable } from '@nestjs/common';
import { MembersRepository } from './members.repository';

/** The tenants lib's side of `UserMemberships`: memberships are its tables. */
@Injectable()
export class TenantUserMemberships implements UserMemberships {
  constructor(private readonly members: MembersRepository) {}

  of(userId: string): Promise<UserMembership[]> {
    return this.members.membershipsOfUser(userId);
  }
}
