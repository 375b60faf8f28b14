import { AuditService } from '@app/audit';
import {
  conflict,
  CoreErrorCode,
  forbidden,
  notFound,
  pageOffset,
  PageSlice,
  RequestActor,
  TENANT_ADMIN_RULE,
  TenantAdminRule,
} from '@app/core';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RefreshTokensRepository } from './auth/refresh-tokens.repository';
import { CurrentPasswordCheck } from './current-password';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { ReplaceUserDto } from './dto/replace-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { PasswordHasher } from './password-hasher';
import { definedOnly, diffUser, UserFields } from './user-changes';
import { UserEntity } from './user.entity';
import { toUserResponse, toUserSummary } from './user.mapper';
import { parseUserOrdering } from './user-ordering';
import { UserSummary } from './user-summary';
import { UsersErrorCode } from './users.exception';
import { UsersRepository } from './users.repository';
import { WelcomeMailer } from './welcome-mailer';

const userNotFound = () => notFound(UsersErrorCode.USER_NOT_FOUND, 'User not found');

/** Text fields PUT resets when they are absent. */
const cleared = { firstName: '', lastName: '', phone: '', address: '' };

/**
 * Users CRUD and its rules: superadmins manage everyone; any other user sees and patches only
 * themself (other ids are 404 to them, as if they did not exist).
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly welcome: WelcomeMailer,
    private readonly currentPassword: CurrentPasswordCheck,
    @Inject(TENANT_ADMIN_RULE) private readonly adminRule: TenantAdminRule,
  ) {}

  async findById(id: string): Promise<UserSummary | null> {
    const user = await this.users.findById(id);
    return user ? toUserSummary(user) : null;
  }

  async findByEmail(email: string): Promise<UserSummary | null> {
    const user = await this.users.findByEmail(email);
    return user ? toUserSummary(user) : null;
  }

  async list(query: ListUsersQueryDto): Promise<PageSlice<UserResponseDto>> {
    const { count, rows } = await this.users.list({
      search: query.search?.trim() || undefined,
      isActive: query.isActive,
      ordering: parseUserOrdering(query.ordering),
      offset: pageOffset(query),
      limit: query.pageSize,
    });
    return { count, results: rows };
  }

  async activeCount(): Promise<{ count: number }> {
    return { count: await this.users.countActive() };
  }

  async get(actor: RequestActor, id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.visible(actor, id));
  }

  async create(actor: RequestActor, dto: CreateUserDto): Promise<UserResponseDto> {
    const passwordHash = await this.hasher.hash(dto.password);
    const fields: UserFields = {
      username: dto.username,
      email: dto.email,
      firstName: dto.firstName ?? '',
      lastName: dto.lastName ?? '',
      phone: dto.phone ?? '',
      address: dto.address ?? '',
      isActive: dto.isActive ?? true,
    };
    const { user, welcomeMail } = await this.dataSource.transaction(async (manager) => {
      const created = await this.users.insert(manager, { ...fields, passwordHash, isSuperadmin: false });
      await this.audit.record(manager, actor, {
        tenantId: null,
        action: 'user.create',
        entityType: 'user',
        entityId: created.id,
        details: { ...fields },
      });
      return { user: created, welcomeMail: await this.welcome.stage(manager, created) };
    });
    await this.welcome.dispatch(welcomeMail);
    return toUserResponse(user);
  }

  async replace(actor: RequestActor, id: string, dto: ReplaceUserDto): Promise<UserResponseDto> {
    const user = await this.visible(actor, id);
    if (!actor.isSuperadmin)
      throw forbidden(CoreErrorCode.FORBIDDEN, 'Only a superadmin may replace a user; use PATCH');
    const { password, currentPassword, ...given } = dto;
    await this.currentPassword.confirm(actor, user, { email: dto.email, password }, currentPassword);
    return this.change(actor, id, { ...cleared, isActive: true, ...definedOnly(given) }, password);
  }

  async update(actor: RequestActor, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    const user = await this.visible(actor, id);
    if (!actor.isSuperadmin && dto.isActive !== undefined) {
      throw forbidden(CoreErrorCode.FORBIDDEN, 'Only a superadmin may change isActive');
    }
    const { password, currentPassword, ...given } = dto;
    await this.currentPassword.confirm(actor, user, { email: dto.email, password }, currentPassword);
    return this.change(actor, id, definedOnly(given), password);
  }

  async remove(actor: RequestActor, id: string): Promise<void> {
    await this.visible(actor, id);
    if (!actor.isSuperadmin) throw forbidden(CoreErrorCode.FORBIDDEN, 'Only a superadmin may delete a user');
    if (id === actor.userId) throw conflict(UsersErrorCode.CANNOT_DELETE_SELF, 'You cannot delete yourself');
    await this.dataSource.transaction(async (manager) => {
      const user = await this.lock(manager, id);
      await this.ensureNotLastAdmin(manager, id);
      await this.users.delete(manager, id);
      await this.audit.record(manager, actor, {
        tenantId: null,
        action: 'user.delete',
        entityType: 'user',
        entityId: id,
        details: { username: user.username, email: user.email },
      });
    });
  }

  /** Applies an update; a new password or a deactivation also revokes every refresh token of the user. */
  private async change(
    actor: RequestActor,
    id: string,
    next: Partial<UserFields>,
    password: string | undefined,
  ): Promise<UserResponseDto> {
    const passwordHash = password === undefined ? undefined : await this.hasher.hash(password);
    const user = await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, id);
      const changes = diffUser(current, next, passwordHash !== undefined);
      if (changes.after.isActive === false) await this.ensureNotLastAdmin(manager, id);
      const updated = await this.users.update(manager, id, definedOnly({ ...changes.after, passwordHash }));
      const sessionsRevoked =
        passwordHash !== undefined || changes.after.isActive === false
          ? await this.tokens.revokeAllOfUser(manager, id)
          : 0;
      // A superadmin setting someone else's password is a reset, not an edit: audited as such.
      const reset = passwordHash !== undefined && actor.userId !== id;
      await this.audit.record(manager, actor, {
        tenantId: null,
        action: reset ? 'user.password.reset' : 'user.update',
        entityType: 'user',
        entityId: id,
        details: reset ? { ...changes, sessionsRevoked } : { ...changes },
      });
      return updated;
    });
    return toUserResponse(user);
  }

  /** Refuses (409 LAST_ADMIN) to take away a tenant's last active admin; the tenants stay locked until commit. */
  private async ensureNotLastAdmin(manager: EntityManager, userId: string): Promise<void> {
    await this.adminRule.lockTenantsAdministeredBy(manager, [userId]);
    const soleAdminOf = await this.adminRule.tenantsLeftWithoutAdmin(manager, userId);
    if (soleAdminOf.length > 0) {
      throw conflict(
        UsersErrorCode.LAST_ADMIN,
        `The user is the only active admin of: ${soleAdminOf.join(', ')}; give each tenant another active admin first`,
      );
    }
  }

  /** The user, if the caller may see it: a superadmin sees everyone, anyone else only themself. */
  private async visible(actor: RequestActor, id: string): Promise<UserEntity> {
    if (!actor.isSuperadmin && actor.userId !== id) throw userNotFound();
    const user = await this.users.findById(id);
    if (!user) throw userNotFound();
    return user;
  }

  private async lock(manager: EntityManager, id: string): Promise<UserEntity> {
    const user = await this.users.lockById(manager, id);
    if (!user) throw userNotFound();
    return user;
  }
}
