import { AuditService } from '@app/audit';
import {
  AuthUser,
  badRequest,
  conflict,
  CoreErrorCode,
  notFound,
  pageOffset,
  PageSlice,
  RequestActor,
  TenantContext,
  TenantRole,
  toTenantSchemaName,
  unprocessable,
} from '@app/core';
import { UsersService } from '@app/users';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { ListTenantsQueryDto } from './dto/list-tenants-query.dto';
import { TenantResponseDto } from './dto/tenant-response.dto';
import { UpdateTenantDto } from './dto/update-tenant.dto';
import { MembersRepository } from './members.repository';
import { TenantMigrationRunner } from './tenant-migrations/tenant-migration.runner';
import { toTenantResponse } from './tenant.mapper';
import { TenantEntity } from './tenant.entity';
import { TenantsErrorCode } from './tenants.exception';
import { TenantsRepository } from './tenants.repository';

/** How long deleting a tenant waits for locks on its tables before giving up with a 409. */
const DROP_LOCK_TIMEOUT_MS = 10_000;

const slugTaken = (slug: string) =>
  conflict(CoreErrorCode.UNIQUE_VIOLATION, `slug ${slug} is already taken`, [
    { field: 'slug', message: 'is already taken' },
  ]);

interface PgError {
  code?: string;
  constraint?: string;
}

/** A unique slug or schema name that another create took since our check. */
function isSlugClash(error: unknown): boolean {
  const pg = ((error as { driverError?: PgError }).driverError ?? error) as PgError;
  if (pg.code === '42P06') return true; // the schema exists
  return pg.code === '23505' && ['tenants_slug_key', 'tenants_schema_name_key'].includes(pg.constraint ?? '');
}

/** Tenants: a row in `public.tenants` and a Postgres schema each, created and dropped together. */
@Injectable()
export class TenantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantsRepository,
    private readonly members: MembersRepository,
    private readonly migrations: TenantMigrationRunner,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates the row, the schema with its system tables and the first admin in one transaction,
   * so that a failure at any step leaves nothing behind.
   */
  async create(actor: RequestActor, dto: CreateTenantDto): Promise<TenantResponseDto> {
    const admin = dto.adminEmail ? await this.users.findByEmail(dto.adminEmail.trim().toLowerCase()) : null;
    if (dto.adminEmail && !admin) {
      throw unprocessable(TenantsErrorCode.USER_NOT_FOUND, `No user has the email ${dto.adminEmail}`, [
        { field: 'adminEmail', message: 'no user has this email' },
      ]);
    }
    if (await this.tenants.findBySlug(dto.slug)) throw slugTaken(dto.slug);

    try {
      const tenant = await this.dataSource.transaction(async (manager) => {
        const row = await this.tenants.insert(manager, {
          name: dto.name,
          slug: dto.slug,
          description: dto.description ?? '',
          schemaName: toTenantSchemaName(dto.slug),
          createdBy: actor.userId,
        });
        await this.tenants.createSchema(manager, row.schemaName);
        await this.migrations.migrateTenant(manager, { id: row.id, slug: row.slug, schemaName: row.schemaName });
        await this.audit.record(manager, actor, {
          tenantId: null,
          action: 'tenant.create',
          entityType: 'tenant',
          entityId: row.id,
          details: { slug: row.slug, name: row.name, schemaName: row.schemaName },
        });
        if (admin) {
          await this.members.insert(manager, row.id, admin.id, TenantRole.Admin);
          await this.audit.record(manager, actor, {
            tenantId: row.id,
            action: 'tenant.member.add',
            entityType: 'membership',
            entityId: admin.id,
            details: { userId: admin.id, email: admin.email, role: TenantRole.Admin },
          });
        }
        return row;
      });
      return toTenantResponse(tenant);
    } catch (error) {
      if (isSlugClash(error)) throw slugTaken(dto.slug);
      throw error;
    }
  }

  async list(user: AuthUser, query: ListTenantsQueryDto): Promise<PageSlice<TenantResponseDto>> {
    const { count, rows } = await this.tenants.list({
      memberUserId: user.isSuperadmin ? null : user.id,
      search: query.search?.trim() || undefined,
      offset: pageOffset(query),
      limit: query.pageSize,
    });
    return { count, results: rows.map(toTenantResponse) };
  }

  async get(ctx: TenantContext): Promise<TenantResponseDto> {
    const tenant = await this.tenants.findResponse(ctx.tenantId);
    if (!tenant) throw tenantNotFound(ctx.slug);
    return tenant;
  }

  async update(ctx: TenantContext, actor: RequestActor, dto: UpdateTenantDto): Promise<TenantResponseDto> {
    const tenant = await this.dataSource.transaction(async (manager) => {
      const current = await this.tenants.lock(manager, ctx.tenantId);
      if (!current) throw tenantNotFound(ctx.slug);
      const changes = changedFields(current, dto);
      if (!Object.keys(changes).length) return current;
      const updated = await this.tenants.update(manager, current.id, changes);
      await this.audit.record(manager, actor, {
        tenantId: current.id,
        action: 'tenant.update',
        entityType: 'tenant',
        entityId: current.id,
        details: {
          before: Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof typeof changes]])),
          after: changes,
        },
      });
      return updated;
    });
    return toTenantResponse(tenant);
  }

  /** Drops the tenant's schema with all its data, and its row, once `confirm` repeats the slug. */
  async remove(ctx: TenantContext, actor: RequestActor, confirm: string | undefined): Promise<void> {
    if (confirm !== ctx.slug) {
      throw badRequest(
        TenantsErrorCode.CONFIRMATION_REQUIRED,
        `Deleting a tenant drops all its data; repeat its slug in ?confirm=${ctx.slug}`,
        [{ field: 'confirm', message: 'must equal the tenant slug' }],
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const tenant = await this.tenants.lock(manager, ctx.tenantId);
      if (!tenant) throw tenantNotFound(ctx.slug);
      // The schema name comes from the row, never from the request.
      await this.tenants.dropSchema(manager, tenant.schemaName, DROP_LOCK_TIMEOUT_MS);
      await this.tenants.delete(manager, tenant.id);
      await this.audit.record(manager, actor, {
        tenantId: null,
        action: 'tenant.delete',
        entityType: 'tenant',
        entityId: tenant.id,
        details: { slug: tenant.slug, name: tenant.name, schemaName: tenant.schemaName },
      });
    });
  }
}

export const tenantNotFound = (slug: string) => notFound(TenantsErrorCode.TENANT_NOT_FOUND, `Tenant ${slug} not found`);

function changedFields(
  current: TenantEntity,
  dto: UpdateTenantDto,
): Partial<Pick<TenantEntity, 'name' | 'description'>> {
  const changes: Partial<Pick<TenantEntity, 'name' | 'description'>> = {};
  if (dto.name !== undefined && dto.name !== current.name) changes.name = dto.name;
  if (dto.description !== undefined && dto.description !== current.description) changes.description = dto.description;
  return changes;
}
