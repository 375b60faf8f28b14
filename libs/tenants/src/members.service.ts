import { AuditService } from '@app/audit';
import {
  conflict,
  ListQueryDto,
  notFound,
  pageOffset,
  PageSlice,
  RequestActor,
  TenantContext,
  TenantRole,
  unprocessable,
} from '@app/core';
import { UsersService } from '@app/users';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AddMemberDto } from './dto/add-member.dto';
import { MemberResponseDto } from './dto/member-response.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { MemberRecord, MembersRepository } from './members.repository';
import { toMemberResponse } from './tenant.mapper';
import { TenantsErrorCode } from './tenants.exception';
import { tenantNotFound } from './tenants.service';
import { TenantsRepository } from './tenants.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const memberNotFound = (userId: string) =>
  notFound(TenantsErrorCode.MEMBER_NOT_FOUND, `User ${userId} is not a member of this tenant`);

/** A tenant's members and their roles; a tenant that has an admin always keeps one. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly tenants: TenantsRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: TenantContext, query: ListQueryDto): Promise<PageSlice<MemberResponseDto>> {
    const { count, rows } = await this.members.list(ctx.tenantId, pageOffset(query), query.pageSize);
    return { count, results: rows.map(toMemberResponse) };
  }

  async add(ctx: TenantContext, actor: RequestActor, dto: AddMemberDto): Promise<MemberResponseDto> {
    const user = await this.users.findByEmail(dto.email.trim().toLowerCase());
    if (!user) {
      throw unprocessable(TenantsErrorCode.USER_NOT_FOUND, `No user has the email ${dto.email}`, [
        { field: 'email', message: 'no user has this email' },
      ]);
    }
    const member = await this.dataSource.transaction(async (manager) => {
      const added = await this.members.insert(manager, ctx.tenantId, user.id, dto.role);
      if (!added) {
        throw conflict(TenantsErrorCode.ALREADY_MEMBER, `${user.email} is already a member of this tenant`);
      }
      await this.audit.record(manager, actor, {
        tenantId: ctx.tenantId,
        action: 'tenant.member.add',
        entityType: 'membership',
        entityId: user.id,
        details: { userId: user.id, email: user.email, role: dto.role },
      });
      return { userId: user.id, email: user.email, username: user.username, role: dto.role, ...added };
    });
    return toMemberResponse(member);
  }

  async updateRole(
    ctx: TenantContext,
    actor: RequestActor,
    userId: string,
    dto: UpdateMemberDto,
  ): Promise<MemberResponseDto> {
    const member = await this.dataSource.transaction(async (manager) => {
      const current = await this.lockMember(manager, ctx, userId);
      if (current.role === dto.role) return current;
      if (current.role === TenantRole.Admin) await this.ensureAnotherAdmin(manager, ctx, userId, 'demote');
      const updatedAt = await this.members.updateRole(manager, ctx.tenantId, userId, dto.role);
      await this.audit.record(manager, actor, {
        tenantId: ctx.tenantId,
        action: 'tenant.member.update',
        entityType: 'membership',
        entityId: userId,
        details: { userId, email: current.email, role: dto.role, previousRole: current.role },
      });
      return { ...current, role: dto.role, updatedAt };
    });
    return toMemberResponse(member);
  }

  async remove(ctx: TenantContext, actor: RequestActor, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockMember(manager, ctx, userId);
      if (current.role === TenantRole.Admin) await this.ensureAnotherAdmin(manager, ctx, userId, 'remove');
      await this.members.delete(manager, ctx.tenantId, userId);
      await this.audit.record(manager, actor, {
        tenantId: ctx.tenantId,
        action: 'tenant.member.remove',
        entityType: 'membership',
        entityId: userId,
        details: { userId, email: current.email, role: current.role },
      });
    });
  }

  /**
   * Locks the tenant row first: every change that can take away an admin goes through here, so
   * two of them on one tenant run one after the other and cannot both see "another admin".
   */
  private async lockMember(manager: EntityManager, ctx: TenantContext, userId: string): Promise<MemberRecord> {
    if (!UUID.test(userId)) throw memberNotFound(userId);
    if (!(await this.tenants.lock(manager, ctx.tenantId))) throw tenantNotFound(ctx.slug);
    const member = await this.members.lockOne(manager, ctx.tenantId, userId);
    if (!member) throw memberNotFound(userId);
    return member;
  }

  /** An inactive admin cannot act, so only another *active* admin lets this one go. */
  private async ensureAnotherAdmin(
    manager: EntityManager,
    ctx: TenantContext,
    userId: string,
    verb: string,
  ): Promise<void> {
    if ((await this.members.countOtherActiveAdmins(manager, ctx.tenantId, userId)) === 0) {
      throw conflict(TenantsErrorCode.LAST_ADMIN, `Cannot ${verb} the last active admin of tenant ${ctx.slug}`);
    }
  }
}
