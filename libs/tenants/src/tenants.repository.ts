import { AccessChanges, containsPattern, ident, sql, SqlDatabase, SqlQuery, TenantRole } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TenantResponseDto } from './dto/tenant-response.dto';
import { MembershipEntity } from './membership.entity';
import { TenantEntity } from './tenant.entity';

export interface NewTenant {
  name: string;
  slug: string;
  description: string;
  schemaName: string;
  createdBy: string | null;
}

export interface TenantListFilter {
  /** Only tenants this user is a member of; null for all. */
  memberUserId: string | null;
  search?: string;
  offset: number;
  limit: number;
}

/** A tenant and the caller's role in it, as the access check needs them. */
export interface TenantAccessRow {
  id: string;
  slug: string;
  schemaName: string;
  role: TenantRole | null;
}

/** A timestamp as `Date.toISOString()` writes it (milliseconds, truncated as the driver's Date does). */
const isoTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The columns of a tenant as the response shows it (`toTenantResponse`), field for field and in
 * its order, timestamps formatted by PostgreSQL: the row is the answer as it comes.
 */
const TENANT_RESPONSE_COLUMNS = [
  'id',
  'name',
  'slug',
  'description',
  'schema_name AS "schemaName"',
  `${isoTime('created_at')} AS "createdAt"`,
  `${isoTime('updated_at')} AS "updatedAt"`,
].join(', ');

/** Reads and writes `public.tenants` and creates or drops tenant schemas; no rules. */
@Injectable()
export class TenantsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: SqlDatabase,
    private readonly accessChanges: AccessChanges,
  ) {}

  findBySlug(slug: string): Promise<TenantEntity | null> {
    return this.dataSource.getRepository(TenantEntity).findOneBy({ slug });
  }

  /** The tenant as `GET /tenants/:tenant` answers it: one prepared statement, outside a transaction. */
  async findResponse(id: string): Promise<TenantResponseDto | null> {
    const [tenant] = await this.db.query<TenantResponseDto>(
      new SqlQuery(`SELECT ${TENANT_RESPONSE_COLUMNS} FROM tenants WHERE id = $1`, [id], 'strata_tenant_response'),
    );
    return tenant ?? null;
  }

  /** Locks the tenant's row until the transaction ends; null when it does not exist. */
  lock(manager: EntityManager, id: string): Promise<TenantEntity | null> {
    return manager
      .getRepository(TenantEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id', { id })
      .getOne();
  }

  async list(filter: TenantListFilter): Promise<{ count: number; rows: TenantEntity[] }> {
    const qb = this.dataSource.getRepository(TenantEntity).createQueryBuilder('t');
    if (filter.memberUserId) {
      qb.innerJoin(MembershipEntity, 'm', 'm.tenantId = t.id AND m.userId = :userId', {
        userId: filter.memberUserId,
      });
    }
    if (filter.search) {
      qb.andWhere('(t.name ILIKE :pattern OR t.slug ILIKE :pattern)', { pattern: containsPattern(filter.search) });
    }
    const [rows, count] = await qb.orderBy('t.slug', 'ASC').offset(filter.offset).limit(filter.limit).getManyAndCount();
    return { count, rows };
  }

  async findAccess(slug: string, userId: string): Promise<TenantAccessRow | null> {
    const [row] = await this.db.query<TenantAccessRow>(
      new SqlQuery(
        `SELECT t.id, t.slug, t.schema_name AS "schemaName", m.role
           FROM tenants t
           LEFT JOIN memberships m ON m.tenant_id = t.id AND m.user_id = $2
          WHERE t.slug = $1`,
        [slug, userId],
        'strata_tenant_access',
      ),
    );
    return row ?? null;
  }

  async insert(manager: EntityManager, tenant: NewTenant): Promise<TenantEntity> {
    const repo = manager.getRepository(TenantEntity);
    const { identifiers } = await repo.insert(repo.create(tenant));
    return repo.findOneByOrFail({ id: identifiers[0].id as string });
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<TenantEntity, 'name' | 'description'>>,
  ): Promise<TenantEntity> {
    const repo = manager.getRepository(TenantEntity);
    await repo.update({ id }, changes);
    return repo.findOneByOrFail({ id });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(TenantEntity).delete({ id });
    await this.accessChanges.changed(manager);
  }

  async createSchema(manager: EntityManager, schemaName: string): Promise<void> {
    await manager.query(sql`CREATE SCHEMA ${ident(schemaName)}`.text);
  }

  /** Drops the schema with every table in it; waits at most `lockTimeoutMs` for locks. */
  async dropSchema(manager: EntityManager, schemaName: string, lockTimeoutMs: number): Promise<void> {
    await manager.query(`SET LOCAL lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
    await manager.query(sql`DROP SCHEMA IF EXISTS ${ident(schemaName)} CASCADE`.text);
  }
}
